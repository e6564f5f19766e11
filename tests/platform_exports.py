"""Shop exports written the way each platform's back-end writes them — the columns in their
order, as published order-processing scripts and ERP importers read them — from orders made
here, with the totals each file must give worked out from those orders in whole cents (never
through the importer).

Layouts (column names and order) follow the platforms' downloads:
- Taobao/Tmall 订单报表 (ExportOrderList), 宝贝报表 (ExportOrderDetailList), the 千牛 workbook
  with 订单报表 and 销售明细 (sub-orders) sheets;
- JD POP order export (a row per SKU, the order's 订单金额 / 结算金额 / 应付金额 / 运费金额 repeated
  on each), JD after-sales (服务单) export;
- 抖店 order export by item (a row per 子订单), 拼多多 order export in its older (支付时间,
  拼单成功时间) and newer (订单成交时间) layouts;
- 万相台无界 plan report, 京准通 report (title lines, 日期 as 20250618, a 合计 row), 拼多多
  商品推广 report (a 总计 row), 巨量千川 daily data (a 全部 row).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

PERIOD = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@dataclass
class Line:
    sku: str
    item_id: str
    title: str
    units: int
    price: int
    """Cents per unit."""
    paid: int = 0
    """What the buyer paid for this line, in cents (its share of the order's discount and, on
    the first line, the postage)."""
    refunded: bool = False
    refund_closed: bool = False
    """A refund asked for and refused (no money back)."""

    @property
    def goods(self) -> int:
        return self.units * self.price


@dataclass
class Order:
    id: str
    created: dt.datetime
    paid_at: dt.datetime | None
    lines: list[Line]
    shipping: int
    discount: int
    buyer: str
    status: str = ""

    @property
    def goods(self) -> int:
        return sum(line.goods for line in self.lines)

    @property
    def paid(self) -> int:
        return self.goods - self.discount + self.shipping if self.paid_at else 0

    @property
    def refund(self) -> int:
        return sum(line.paid for line in self.lines if line.refunded)

    @property
    def fully_refunded(self) -> bool:
        return all(line.refunded for line in self.lines)


@dataclass
class Totals:
    """What a set of files must give over the review period, in cents and counts."""

    gmv: int = 0
    refunds: int = 0
    orders: int = 0
    units: int = 0
    spend: int = 0
    ad_sales: int = 0
    left_out: dict[str, int] = field(default_factory=dict)

    def add(self, other: Totals) -> Totals:
        return Totals(self.gmv + other.gmv, self.refunds + other.refunds, self.orders + other.orders,
                      self.units + other.units, self.spend + other.spend, self.ad_sales + other.ad_sales)


def yuan(cents: int) -> str:
    return f"{'-' if cents < 0 else ''}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def make_orders(seed: int, count: int, id_of, lines_at_most: int = 3, start: dt.datetime | None = None,
                days: int = 365) -> list[Order]:
    """`count` orders over `days` days from `start` (default: the period's first day): most paid,
    some never paid, some refunded in full or in part, a refund refused; a few paid just outside
    the period. `id_of(rng, n)` makes the platform's order numbers."""
    rng = random.Random(seed)
    start = start or dt.datetime(2025, 1, 1)
    orders = []
    for n in range(count):
        created = start + dt.timedelta(seconds=rng.randrange(days * 86400))
        if n == 1:
            created = dt.datetime(2024, 12, 31, 23, 50, 1)  # paid the day before the period
        if n == 2:
            created = dt.datetime(2025, 12, 31, 23, 59, 30)  # paid the minute after it
        paid_at = None if rng.random() < 0.08 else created + dt.timedelta(seconds=rng.randrange(20, 900))
        lines = []
        for _k in range(rng.randint(1, lines_at_most)):
            sku = f"SY-{rng.randrange(100, 130)}-{rng.choice('SML')}"
            lines.append(Line(sku, str(6_000_000_000 + rng.randrange(10**8)), f"山野织物 冲锋衣 {sku}", rng.randint(1, 3),
                              rng.randrange(2_990, 89_900, 10)))
        goods = sum(line.goods for line in lines)
        discount = rng.choice([0, 0, 500, 1_000, goods // 10])
        shipping = rng.choice([0, 0, 0, 600, 1_000])
        order = Order(id_of(rng, n), created, paid_at, lines, shipping, discount, f"buyer{rng.randrange(400)}")
        _share(order)
        if paid_at:
            draw = rng.random()
            if draw < 0.07:
                for line in lines:
                    line.refunded = True
            elif draw < 0.12:
                lines[-1].refunded = True
            elif draw < 0.14:
                lines[0].refund_closed = True
        orders.append(order)
    return orders


def _share(order: Order) -> None:
    """Each line's part of what the order paid: the discount shared by goods value (the rest on
    the first line), the postage on the first line."""
    if not order.paid_at:
        return
    left = order.discount
    for line in order.lines[1:]:
        part = order.discount * line.goods // order.goods
        line.paid, left = line.goods - part, left - part
    order.lines[0].paid = order.lines[0].goods - left + order.shipping


def expected(orders: list[Order], by_line: bool = True) -> Totals:
    """The figures over the period: sales, refunds (money returned), paid orders, units."""
    totals = Totals()
    first, last = PERIOD
    for order in orders:
        if order.paid_at and first <= order.paid_at.date() <= last:
            totals.gmv += order.paid
            totals.refunds += order.refund
            totals.orders += 1
            totals.units += sum(line.units for line in order.lines)
    return totals


def write_csv(path: Path, rows: list[list[str]], encoding: str, title: list[str] = ()) -> Path:
    text = io.StringIO(newline="")
    for line in title:
        text.write(line + "\r\n")
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write_string(r, c, value) if isinstance(value, str) else sheet.write(r, c, value)
    book.close()
    return path


def write_xls(path: Path, rows: list[list]) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))
    return path


def when(moment: dt.datetime | None, style: str = "%Y-%m-%d %H:%M:%S") -> str:
    return moment.strftime(style) if moment else ""


# Taobao / Tmall ---------------------------------------------------------------------------

def taobao_id(rng: random.Random, n: int) -> str:
    return str(3_900_000_000_000_000_000 + rng.randrange(10**17))


def taobao_status(order: Order) -> str:
    if not order.paid_at:
        return random.Random(order.id).choice(["等待买家付款", "交易关闭"])
    if order.fully_refunded:
        return "交易关闭"
    return random.Random(order.id).choice(["交易成功", "卖家已发货，等待买家确认", "买家已付款,等待卖家发货", "交易成功"])


TAOBAO_ORDER_REPORT = ["订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "买家支付积分", "总金额", "返点积分",
                       "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言", "收货人姓名", "收货地址 ", "运送方式",
                       "联系电话 ", "联系手机", "订单创建时间", "订单付款时间 ", "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司",
                       "订单备注", "宝贝总数量", "店铺Id", "店铺名称", "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头",
                       "是否手机订单", "分阶段订单信息", "特权订金订单id", "是否上传合同照片", "是否上传小票", "是否代付", "定金排名",
                       "修改后的sku", "修改后的收货地址", "异常信息", "天猫卡券抵扣", "集分宝抵扣", "是否是O2O交易", "退款金额"]


def taobao_order_report(path: Path, orders: list[Order], encoding: str = "gb18030", refunds: bool = True) -> Path:
    """千牛's classic 订单报表: a row per order, ids as ="…", a trailing space in some headers,
    unpaid and fully refunded orders both 交易关闭 (the first paid 0.00); older ones end before
    退款金额 (`refunds=False`)."""
    columns = TAOBAO_ORDER_REPORT if refunds else TAOBAO_ORDER_REPORT[:-1]
    rows = [columns]
    for order in orders:
        status = taobao_status(order)
        values = {
            "订单编号": f'="{order.id}"', "买家会员名": order.buyer, "买家支付宝账号": "**", "买家应付货款": yuan(order.goods - order.discount),
            "买家应付邮费": yuan(order.shipping), "买家支付积分": "0", "总金额": yuan(order.goods + order.shipping),
            "返点积分": "0", "买家实际支付金额": yuan(order.paid), "买家实际支付积分": "0", "订单状态": status,
            "买家留言": "请尽快发货, 谢谢", "收货人姓名": "林*", "收货地址 ": "浙江省 杭州市 西湖区 ****", "运送方式": "快递",
            "联系电话 ": "", "联系手机": "138****0000", "订单创建时间": when(order.created), "订单付款时间 ": when(order.paid_at),
            "宝贝标题 ": "，".join(line.title for line in order.lines), "宝贝种类 ": str(len(order.lines)),
            "物流单号 ": "No:YT" + order.id[-10:], "物流公司": "圆通速递", "订单备注": "",
            "宝贝总数量": str(sum(line.units for line in order.lines)), "店铺Id": "0", "店铺名称": "山野织物旗舰店",
            "订单关闭原因": "买家未付款" if not order.paid_at and status == "交易关闭" else ("退款" if order.fully_refunded else "订单未关闭"),
            "退款金额": yuan(order.refund),
        }
        rows.append([values.get(column, "") for column in columns])
    return write_csv(path, rows, encoding)


TAOBAO_REFUNDS = ["订单编号", "退款编号", "支付宝交易号", "订单付款时间", "商品编码", "退款完结时间", "买家实际支付金额", "宝贝标题",
                  "买家退款金额", "手工退款/系统退款", "是否需要退货", "退款的申请时间", "超时时间", "退款状态", "货物状态"]


def taobao_refund_report(path: Path, orders: list[Order]) -> Path:
    """千牛's 退款管理 export: a row per refund asked for, 退款成功 or 退款关闭 (nothing returned)."""
    rows, rng = [TAOBAO_REFUNDS], random.Random(3)
    for order in orders:
        for line in order.lines:
            if line.refunded or line.refund_closed:
                done = order.paid_at + dt.timedelta(days=4)
                rows.append([order.id, str(rng.randrange(10**15, 10**16)), "2025" + order.id[-14:], when(order.paid_at),
                             line.sku, when(done) if line.refunded else "", yuan(order.paid), line.title, yuan(line.paid),
                             "系统退款", "是", when(done - dt.timedelta(days=2)), "", "退款成功" if line.refunded else "退款关闭",
                             "买家已退货"])
    return write_csv(path, rows, "gb18030")


QIANNIU_21 = ["订单编号", "支付单号", "买家应付货款", "买家应付邮费", "总金额", "买家实付金额", "订单状态", "收货地址", "运送方式",
              "订单创建时间", "商品标题", "宝贝种类", "物流单号", "物流公司", "备注标签", "商家备注", "宝贝总数量", "开票信息", "手机订单",
              "商品属性SKU", "发货时间"]


def qianniu_21_rows(orders: list[Order]) -> list[list[str]]:
    """The current 千牛 订单报表 of 21 columns: no paid time and no refunds (an unpaid order is
    等待买家付款, or 交易关闭 having paid 0.00); a paid order's time is its creation's."""
    rows = [QIANNIU_21]
    for order in orders:
        values = {"订单编号": order.id, "买家应付货款": yuan(order.goods - order.discount), "买家应付邮费": yuan(order.shipping),
                  "总金额": yuan(order.goods + order.shipping), "买家实付金额": yuan(order.paid), "订单状态": taobao_status(order),
                  "订单创建时间": when(order.paid_at or order.created), "宝贝种类": str(len(order.lines)),
                  "宝贝总数量": str(sum(line.units for line in order.lines)), "手机订单": "手机订单"}
        rows.append([values.get(column, "") for column in QIANNIU_21])
    return rows


TAOBAO_ITEM_REPORT = ["订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "套餐信息", "备注", "订单状态", "商家编码"]


def taobao_item_report(path: Path, orders: list[Order]) -> Path:
    """千牛's classic 宝贝报表, downloaded with the 订单报表: a row per line, no paid amounts."""
    rows = [TAOBAO_ITEM_REPORT]
    for order in orders:
        for line in order.lines:
            rows.append([f'="{order.id}"', line.title, yuan(line.price), str(line.units), line.sku, "颜色分类:墨绿;尺码:L",
                         "", "", taobao_status(order), line.sku])
    return write_csv(path, rows, "gb18030")


QIANNIU_ORDERS = ["订单编号", "支付单号", "支付详情", "买家应付货款", "买家应付邮费", "总金额", "买家实付金额", "订单状态",
                  "订单创建时间", "订单付款时间", "商品标题", "退款金额", "确认收货打款金额", "店铺名称", "宝贝总数量"]
QIANNIU_LINES = ["子订单编号", "主订单编号", "商品标题", "商品价格", "购买数量", "外部系统编号", "商品属性", "套餐信息", "订单状态",
                 "商家编码", "商品ID", "买家应付货款", "买家实付金额", "退款状态", "退款金额", "订单创建时间", "订单付款时间", "发货时间"]


def qianniu_rows(orders: list[Order]) -> tuple[list[list[str]], list[list[str]]]:
    """The current 千牛 export's 订单报表 and 销售明细 (a row per sub-order: its own paid amount,
    refund status and refund, 无退款申请 where there is none)."""
    head, lines = [QIANNIU_ORDERS], [QIANNIU_LINES]
    for order in orders:
        status = taobao_status(order)
        head.append([order.id, "2025" + order.id[-12:], "支付宝", yuan(order.goods - order.discount), yuan(order.shipping),
                     yuan(order.goods + order.shipping), yuan(order.paid), status, when(order.created), when(order.paid_at),
                     order.lines[0].title, yuan(order.refund), yuan(order.paid - order.refund), "山野织物旗舰店",
                     str(sum(line.units for line in order.lines))])
        for k, line in enumerate(order.lines):
            sub = order.id if len(order.lines) == 1 else f"{order.id[:-2]}{k:02d}"
            refund_status = "退款成功" if line.refunded else ("退款关闭" if line.refund_closed else "没有申请退款")
            refund = yuan(line.paid) if line.refunded else ("0.00" if line.refund_closed else "无退款申请")
            lines.append([sub, order.id, line.title, yuan(line.price), str(line.units), line.sku, "尺码:L", "", status, line.sku,
                          line.item_id, yuan(line.goods), yuan(line.paid), refund_status, refund, when(order.created),
                          when(order.paid_at), ""])
    return head, lines


# JD ---------------------------------------------------------------------------------------

JD_ORDERS = ["订单号", "商品ID", "商品名称", "订购数量", "支付方式", "下单时间", "京东价", "订单金额", "结算金额", "余额支付", "应付金额",
             "订单状态", "订单类型", "下单帐号", "客户姓名", "客户地址", "联系电话", "订单备注", "发票类型", "发票抬头", "发票内容",
             "商家备注", "商家备注等级（等级1-5为由高到低）", "运费金额", "付款确认时间", "增值税发票", "货号", "订单完成时间", "订单来源",
             "订单渠道"]


def jd_id(rng: random.Random, n: int) -> str:
    return str(280_000_000_000 + rng.randrange(10**10))


def jd_rows(orders: list[Order]) -> list[list[str]]:
    """JD POP's export: a row per SKU, the order's amounts (订单金额, 结算金额, 应付金额, 运费金额)
    on every row of it."""
    rows = [JD_ORDERS]
    for order in orders:
        status = "等待付款" if not order.paid_at else random.Random(order.id).choice(["完成", "等待确认收货", "(删除)等待出库", "完成"])
        for line in order.lines:
            values = {"订单号": order.id, "商品ID": line.item_id, "商品名称": line.title, "订购数量": str(line.units),
                      "支付方式": "在线支付", "下单时间": when(order.created), "京东价": yuan(line.price),
                      "订单金额": yuan(order.goods + order.shipping), "结算金额": yuan(order.goods + order.shipping - order.discount),
                      "余额支付": "0.00", "应付金额": yuan(order.goods + order.shipping - order.discount), "订单状态": status,
                      "订单类型": "销售订单", "下单帐号": order.buyer, "客户姓名": "林*", "运费金额": yuan(order.shipping),
                      "付款确认时间": when(order.paid_at), "货号": line.sku, "订单来源": "移动端订单", "订单渠道": "京东APP"}
            rows.append([values.get(column, "") for column in JD_ORDERS])
    return rows


JD_AFTERSALES = ["服务单号", "订单号", "商品ID", "商品名称", "申请时间", "服务单状态", "客户期望", "退款金额"]


def jd_aftersales_rows(orders: list[Order], seed: int) -> list[list[str]]:
    """JD's after-sales export: a service order per refunded line (完成: the money went back),
    and one refused (审核不通过) that returned nothing."""
    rows, rng = [JD_AFTERSALES], random.Random(seed)
    for order in orders:
        for line in order.lines:
            if line.refunded or line.refund_closed:
                rows.append([str(rng.randrange(10**9, 10**10)), order.id, line.item_id, line.title,
                             when(order.paid_at + dt.timedelta(days=3)), "完成" if line.refunded else "审核不通过",
                             "退货", yuan(line.paid)])
    return rows


# 抖店 ---------------------------------------------------------------------------------------

DOUYIN_ORDERS = ["主订单编号", "子订单编号", "选购商品", "商品规格", "商品数量", "商品ID", "商家编码", "商品金额", "订单应付金额",
                 "运费", "优惠总金额", "平台优惠", "商家优惠", "达人优惠", "支付方式", "收件人", "收件人手机号", "收件地址", "买家留言",
                 "订单提交时间", "支付完成时间", "发货时间", "订单完成时间", "订单状态", "售后状态", "取消原因", "商家备注", "流量来源"]


def douyin_id(rng: random.Random, n: int) -> str:
    return str(6_920_000_000_000_000_000 + rng.randrange(10**16))


def douyin_rows(orders: list[Order]) -> list[list[str]]:
    """抖店's export by item: a row per 子订单 with its own 订单应付金额, ids behind a tab (as
    抖店 writes them against Excel), `-` for an empty cell."""
    rows = [DOUYIN_ORDERS]
    for order in orders:
        for k, line in enumerate(order.lines):
            sub = order.id if len(order.lines) == 1 else str(int(order.id) + k + 1)
            after = "退款成功" if line.refunded else ("售后关闭" if line.refund_closed else "-")
            status = "已关闭" if not order.paid_at or order.fully_refunded else "已完成"
            paid = line.paid if order.paid_at else line.goods
            values = {"主订单编号": "\t" + order.id, "子订单编号": "\t" + sub, "选购商品": line.title, "商品规格": "墨绿;L",
                      "商品数量": str(line.units), "商品ID": "\t" + line.item_id, "商家编码": line.sku, "商品金额": yuan(line.price),
                      "订单应付金额": yuan(paid), "运费": yuan(order.shipping if k == 0 else 0), "优惠总金额": "-",
                      "支付方式": "抖音支付" if order.paid_at else "-", "收件人": "林*", "订单提交时间": when(order.created),
                      "支付完成时间": when(order.paid_at) or "-", "订单状态": status, "售后状态": after,
                      "取消原因": "-" if order.paid_at else "超时未支付", "流量来源": "精选联盟"}
            rows.append([values.get(column, "-") for column in DOUYIN_ORDERS])
    return rows


DOUYIN_AFTERSALES = ["售后单号", "订单号", "商品单号", "商品ID", "商家编码", "商品名称", "售后类型", "售后状态", "售后申请时间",
                     "退商品金额（元）", "退运费金额（元）", "售后完结时间"]


def douyin_aftersales_rows(orders: list[Order]) -> list[list[str]]:
    """抖店's after-sales export: a row per sub-order asked back, the goods and the postage
    refunded in two columns."""
    rows = [DOUYIN_AFTERSALES]
    for n, order in enumerate(orders):
        for k, line in enumerate(order.lines):
            if line.refunded or line.refund_closed:
                sub = order.id if len(order.lines) == 1 else str(int(order.id) + k + 1)
                postage = order.shipping if k == 0 else 0
                rows.append([f"14{n:08d}{k}", order.id, sub, line.item_id, line.sku, line.title, "退货退款",
                             "退款成功" if line.refunded else "售后关闭", when(order.paid_at), yuan(line.paid - postage),
                             yuan(postage), when(order.paid_at + dt.timedelta(days=5))])
    return rows


# 拼多多 ------------------------------------------------------------------------------------

PDD_OLD = ["商品", "订单号", "订单状态", "商品总价(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)", "邮费(元)", "上门安装费(元)", "送货入户费(元)",
           "送货入户并安装费(元)", "用户实付金额(元)", "商品数量(件)", "身份证姓名", "身份证号码", "收货人", "手机", "是否审核中", "省", "市", "区",
           "街道", "支付时间", "拼单成功时间", "订单确认时间", "承诺发货时间", "发货时间", "确认收货时间", "商品id", "商品规格", "用户购买手机号",
           "样式ID", "商家编码-SKU维度", "商家编码-商品维度", "商家备注", "售后状态", "快递单号", "快递公司"]
PDD_NEW = ["商品", "订单号", "订单状态", "商品总价(元)", "邮费(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)", "多多支付立减金额(元)",
           "用户实付金额(元)", "商家实收金额(元)", "商品数量(件)", "发货时间", "确认收货时间", "商品id", "商品规格", "样式ID",
           "商家编码-规格维度", "商家编码-商品维度", "商家备注", "售后状态", "快递单号", "快递公司", "订单成交时间", "支付时间"]


def pdd_id(rng: random.Random, n: int) -> str:
    return f"25{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}-{rng.randrange(10**14, 10**15)}"


def pdd_rows(orders: list[Order], layout: str) -> list[list[str]]:
    """拼多多's export, a row per order (one goods line each): statuses such as 未发货，退款成功
    carry the refund; in the newer layout some rows have no 订单成交时间 but a 支付时间."""
    header = PDD_OLD if layout == "old" else PDD_NEW
    rows = [header]
    for n, order in enumerate(orders):
        line = order.lines[0]
        if not order.paid_at:
            status = random.Random(order.id).choice(["待付款", "已取消"])
        elif line.refunded:
            status = random.Random(order.id).choice(["未发货，退款成功", "已发货，退款成功", "已收货"])
        else:
            status = random.Random(order.id).choice(["已发货，待收货", "已收货", "待发货"])
        after = "退款成功" if line.refunded and status == "已收货" else ("售后取消，退款失败" if line.refund_closed else "无售后或售后取消")
        values = {"商品": line.title, "订单号": order.id, "订单状态": status, "商品总价(元)": yuan(order.goods),
                  "店铺优惠折扣(元)": yuan(order.discount), "平台优惠折扣(元)": "0", "多多支付立减金额(元)": "0", "邮费(元)": yuan(order.shipping),
                  "用户实付金额(元)": yuan(order.goods - order.discount + order.shipping), "商家实收金额(元)": yuan(order.goods - order.discount),
                  "商品数量(件)": str(line.units), "支付时间": when(order.paid_at), "拼单成功时间": when(order.paid_at),
                  "订单成交时间": "" if n % 7 == 3 else when(order.paid_at), "商品id": line.item_id, "商品规格": "墨绿,L",
                  "样式ID": "1", "商家编码-SKU维度": line.sku, "商家编码-规格维度": line.sku, "商家编码-商品维度": line.sku[:6],
                  "售后状态": after, "快递公司": "中通快递"}
        rows.append([values.get(column, "") for column in header])
    return rows


PDD_AFTERSALES = ["售后编号", "订单号", "商品ID", "售后类型", "售后状态", "申请时间", "退款金额(元)"]


def pdd_aftersales_rows(orders: list[Order]) -> list[list[str]]:
    rows = [PDD_AFTERSALES]
    for n, order in enumerate(orders):
        line = order.lines[0]
        if line.refunded or line.refund_closed:
            rows.append([f"9{n:09d}", order.id, line.item_id, "仅退款", "退款成功" if line.refunded else "售后取消，退款失败",
                         when(order.paid_at), yuan(line.paid)])
    return rows


# Ad reports -------------------------------------------------------------------------------

def ad_days(seed: int, count: int) -> list[tuple[dt.date, str, int, int, int, int]]:
    """(day, plan, impressions, clicks, spend in cents, attributed sales in cents) for `count`
    plan-days, the first the day before the period."""
    rng = random.Random(seed)
    days = []
    for n in range(count):
        day = dt.date(2024, 12, 31) if n == 0 else dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365))
        spend = rng.randrange(5_000, 900_000)
        days.append((day, f"计划{n % 4 + 1}", rng.randrange(1000, 90000), rng.randrange(50, 3000), spend,
                     spend * rng.randrange(150, 600) // 100))
    return days


def ad_totals(days) -> Totals:
    inside = [d for d in days if PERIOD[0] <= d[0] <= PERIOD[1]]
    return Totals(spend=sum(d[4] for d in inside), ad_sales=sum(d[5] for d in inside))


WANXIANGTAI = ["日期", "场景ID", "场景名字", "原二级场景ID", "原二级场景名字", "计划ID", "计划名字", "主体ID", "主体类型", "主体名称",
               "展现量", "点击量", "花费", "点击率", "平均点击花费", "千次展现花费", "直接成交金额", "间接成交金额", "总成交金额", "总成交笔数",
               "点击转化率", "投入产出比", "总购物车数"]


def wanxiangtai_rows(days, windows: tuple[str, ...] = ()) -> list[list[str]]:
    """万相台's plan report; with `windows` (转化周期), each plan-day once per attribution window,
    the longest window's sales the day's, the shorter ones' less, the spend the same."""
    rows = [WANXIANGTAI + (["转化周期"] if windows else [])]
    for n, (day, plan, shows, clicks, spend, sales) in enumerate(days):
        for w, window in enumerate(windows or ("",)):
            sales_in = sales if w == 0 else sales // (w + 2)
            rows.append(_wanxiangtai_row(n, day, plan, shows, clicks, spend, sales_in) + ([window] if windows else []))
    return rows


def _wanxiangtai_row(n, day, plan, shows, clicks, spend, sales) -> list[str]:
    return [day.isoformat(), "24", "关键词推广", "", "", str(7000 + n % 4), plan, "6001", "商品", "冲锋衣",
            f"{shows:,}", str(clicks), f"{spend // 100:,}.{spend % 100:02d}", f"{clicks / shows:.2%}", "1.20", "30.00",
            yuan(sales // 2), yuan(sales - sales // 2), yuan(sales), "12", "2.10%", f"{sales / spend:.2f}", "40"]


JZT = ["日期", "账户名称", "产品线", "计划类型", "计划ID", "推广计划", "单元ID", "推广单元", "展现数", "点击数", "总费用", "直接订单行",
       "直接订单金额", "间接订单行", "间接订单金额", "总订单行", "总订单金额", "总购物车数"]


def jzt_sheet(days) -> list[list]:
    """京准通's report: two title lines, 日期 as a number (20250618), amounts as numbers, a 合计 row."""
    rows: list[list] = [["京准通 推广计划报表"], ["时间范围：2024-12-31 至 2025-12-31"], JZT]
    for n, (day, plan, shows, clicks, spend, sales) in enumerate(days):
        rows.append([int(day.strftime("%Y%m%d")), "山野织物京东自营", "快车", "普通计划", str(90000 + n % 4), plan, "1", "单元1",
                     shows, clicks, spend / 100, 3, sales / 200, 2, sales / 100 - sales / 200, 5, sales / 100, 8])
    rows.append(["合计", "", "", "", "", "", "", "", 0, 0, sum(d[4] for d in days) / 100, 0, 0, 0, 0, 0,
                 sum(d[5] for d in days) / 100, 0])
    return rows


PDD_ADS = ["日期", "商品ID", "商品名称", "推广场景", "推广名称", "出价方式", "分组", "是否已删除", "成交花费(元)", "交易额(元)", "实际投产比",
           "总花费(元)", "成交笔数", "曝光量", "点击量"]


def pdd_ads_sheet(days) -> list[list]:
    rows: list[list] = [PDD_ADS]
    for n, (day, plan, shows, clicks, spend, sales) in enumerate(days):
        rows.append([day.isoformat(), str(500000 + n % 4), "冲锋衣", "稳定成本推广", plan, "目标投产比：3.95", "-", "否",
                     yuan(spend), yuan(sales), f"{sales / spend:.2f}", yuan(spend), "7", str(shows), str(clicks)])
    rows.append(["总计", "-", "-", "-", "-", "-", "-", "-", yuan(sum(d[4] for d in days)), yuan(sum(d[5] for d in days)), "-",
                 yuan(sum(d[4] for d in days)), "-", "-", "-"])
    return rows


QIANCHUAN = ["日期", "整体展现次数", "整体点击次数", "整体点击率", "整体转化率", "整体消耗", "基础消耗", "整体支付ROI", "整体成交金额",
             "整体成交订单数", "整体成交订单成本", "用户实际支付金额"]


def qianchuan_rows(days) -> list[list[str]]:
    """巨量千川's daily data: a 全部 row of the period's totals first, one row a day (plans of a
    day added up, as the daily view shows them)."""
    by_day: dict[dt.date, list[int]] = {}
    for day, _, shows, clicks, spend, sales in days:
        total = by_day.setdefault(day, [0, 0, 0, 0])
        for i, value in enumerate((shows, clicks, spend, sales)):
            total[i] += value
    rows = [QIANCHUAN, ["全部", "-", "-", "-", "-", yuan(sum(d[4] for d in days)), "-", "-", yuan(sum(d[5] for d in days)),
                        "-", "-", "-"]]
    for day in sorted(by_day):
        shows, clicks, spend, sales = by_day[day]
        rows.append([day.isoformat(), str(shows), str(clicks), f"{clicks / shows:.2%}", "1.00%", yuan(spend), yuan(spend),
                     f"{sales / spend:.2f}", yuan(sales), "9", "10.00", yuan(sales)])
    return rows


QIANCHUAN_STANDARD = ["日期", "计划ID", "计划名称", "展示次数", "点击次数", "点击率", "消耗(元)", "直接成交金额(元)", "直接成交订单数",
                      "直接支付ROI", "7日总支付ROI"]


def qianchuan_standard_rows(days) -> list[list[str]]:
    """巨量千川's 标准推广 report: a row per plan and day, spend as 消耗(元)."""
    rows = [QIANCHUAN_STANDARD]
    for n, (day, plan, shows, clicks, spend, sales) in enumerate(days):
        rows.append([day.isoformat(), str(1_780_000_000 + n % 4), plan, str(shows), str(clicks), f"{clicks / shows:.2%}",
                     yuan(spend), yuan(sales), "5", f"{sales / spend:.2f}", "-"])
    return rows


PDD_STAR_SHOP = ["日期", "花费(元)", "交易额(元)", "投入产出比", "成交笔数", "店铺关注量", "千次曝光花费(元)", "曝光量", "点击量"]


def pdd_star_shop_rows(days) -> list[list[str]]:
    """拼多多's 明星店铺 summary: a row a day."""
    rows = [PDD_STAR_SHOP]
    for day, _plan, shows, clicks, spend, sales in days:
        rows.append([day.isoformat(), yuan(spend), yuan(sales), f"{sales / spend:.2f}", "3", "1", "2.00", str(shows), str(clicks)])
    return rows


def jzt_csv_rows(days) -> list[list[str]]:
    """京准通's custom report as CSV: 日期 as 20250618, spend 总费用, a 合计 row."""
    sheet = jzt_sheet(days)
    return [[str(v) if not isinstance(v, float) else f"{v:.2f}" for v in row] for row in sheet[2:]]


SYCM_TITLE = ["【生意参谋平台】店铺整体", "统计时间：2025-01-01 ~ 2025-12-31", "", "终端：所有终端"]


def sycm_shop_rows(seed: int, days: int) -> tuple[list[list], Totals, int]:
    """生意参谋's 店铺整体 daily report as its .xls gives it: title lines above the header,
    counts with thousands separators, rates in %. Returns the rows, the sales total and the
    visitors total over the period."""
    rng = random.Random(seed)
    rows: list[list] = [[line] for line in SYCM_TITLE] + [["统计日期", "访客数", "浏览量", "支付金额", "支付买家数", "支付转化率", "客单价"]]
    sales = visitors = 0
    for n in range(days):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=n)
        v, b, s = rng.randrange(500, 5000), rng.randrange(10, 120), rng.randrange(100_000, 9_000_000)
        rows.append([day.isoformat(), f"{v:,}", f"{v * 3:,}", f"{s // 100:,}.{s % 100:02d}", str(b), f"{b / v:.2%}", yuan(s // b)])
        sales, visitors = sales + s, visitors + v
    return rows, Totals(gmv=sales), visitors


# --- the shop's exports the tests import ------------------------------------------------------

TAOBAO = make_orders(11, 180, taobao_id)
JD = make_orders(12, 150, jd_id)
DOUYIN = make_orders(13, 160, douyin_id)
PDD_OLD_ORDERS = make_orders(14, 120, pdd_id, lines_at_most=1)
PDD_NEW_ORDERS = make_orders(15, 120, pdd_id, lines_at_most=1)
ADS = {platform: ad_days(seed, 90) for seed, platform in enumerate(["天猫", "京东", "拼多多", "抖音"], 21)}
