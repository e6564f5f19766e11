"""Rows narrowed by product attributes (`product: {season: 春夏}`): orders joined to the product
master by SKU, and the product metrics (sell-through, discount, gross margin) — checked against
figures worked out here from the sample CSVs with the csv module alone, and the answer key."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from decimal import Decimal

import pytest
from helpers import DATA, KEY, run, target_actual, utf8

from retro_tui.metrics import catalogue as catalogues
from retro_tui.metrics.compute import Data, Scope
from retro_tui.metrics.reader import read_all
from retro_tui.workbook import Workbook

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
ATTRIBUTES = {"season": "季节", "category": "类目", "new_or_old": "新老品", "in_618": "618活动款"}


def sample(name: str):
    """A sample file in UTF-8 (the product master is the tests' own copy)."""
    return DATA / "utf8" / name if name == "products.csv" else utf8(name)


def rows(name: str) -> list[dict[str, str]]:
    with sample(name).open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def by_hand() -> dict[tuple[str, str], dict[str, Decimal]]:
    """Per (attribute, value): units sold and kept, units bought in, goods at tag price, goods
    paid, refunds, cost of goods kept — summed in Decimal over the paid order lines."""
    products = {row["商家编码"]: row for row in rows("products.csv")}
    sums: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for product in products.values():
        for field, column in ATTRIBUTES.items():
            sums[field, product[column]]["bought"] += Decimal(product["进货数量"])
    for line in rows("orders.csv"):
        if not line["订单付款时间"]:
            continue
        product = products[line["商家编码"]]
        paid, postage, refund = (Decimal(line[c] or "0") for c in ("买家实付金额", "买家应付邮费", "退款金额"))
        kept = not (refund > 0 and refund >= paid - postage)
        for field, column in ATTRIBUTES.items():
            figures = sums[field, product[column]]
            figures["tag"] += Decimal(line["商品总价"])
            figures["goods"] += Decimal(line["商品总价"]) - Decimal(line["优惠金额"])
            figures["refunds"] += refund
            if kept:
                figures["kept"] += Decimal(line["购买数量"])
                figures["cost"] += Decimal(line["购买数量"]) * Decimal(product["成本价"])
    return sums


@pytest.fixture(scope="module")
def data() -> Data:
    catalogue = catalogues.load()
    paths = [sample("orders.csv"), sample("products.csv"), sample("targets_campaign.csv")]
    return Data([table for path in paths for table in read_all(path, catalogue)], catalogue)


METRICS = {"units-kept", "stock-bought", "sell-through", "goods-total", "goods-sales", "discount-rate",
           "goods-cost", "goods-net-sales", "product-margin", "gmv"}


@pytest.mark.parametrize("field,value", [("season", "春夏"), ("season", "秋冬"), ("category", "羽绒服"),
                                         ("new_or_old", "新品"), ("new_or_old", "老品"), ("in_618", "是")])
def test_product_metrics_by_attribute_equal_a_hand_computation(data, by_hand, field, value):
    figures = by_hand[field, value]
    result = data.compute(Scope(*YEAR, product=((field, value),)), METRICS)
    values = result.values
    assert values["units-kept"] == figures["kept"] and values["stock-bought"] == figures["bought"]
    assert values["sell-through"] == pytest.approx(float(figures["kept"] / figures["bought"] * 100), abs=1e-4)
    assert Decimal(str(values["goods-total"])) == figures["tag"]
    assert Decimal(str(values["goods-sales"])) == figures["goods"]
    assert values["discount-rate"] == pytest.approx(float(figures["goods"] / figures["tag"] * 100), abs=1e-4)
    assert Decimal(str(values["goods-cost"])) == figures["cost"].quantize(Decimal("0.01"))
    net = figures["goods"] - figures["refunds"]
    assert values["product-margin"] == pytest.approx(float((net - figures["cost"]) / net * 100), abs=1e-4)
    assert result.targets == {}  # the shop's targets are not a product group's


@pytest.mark.parametrize("group,key", [("季节", "春夏"), ("类目", "冲锋衣"), ("新老品", "新品"), ("618活动款", "否")])
def test_sell_through_and_discount_match_the_answer_key(data, group, key):
    field = {column: field for field, column in ATTRIBUTES.items()}[group]
    expected = KEY["products"][group][key]
    values = data.compute(Scope(*YEAR, product=((field, key),)), METRICS).values
    assert values["units-kept"] == expected["units_net"] and values["stock-bought"] == expected["units_purchased"]
    assert values["sell-through"] / 100 == pytest.approx(expected["sell_through"], abs=1e-6)
    assert values["discount-rate"] / 100 == pytest.approx(expected["discount_rate"], abs=1e-6)
    assert round(values["goods-cost"] * 100) == expected["cogs_cents"]
    assert values["product-margin"] / 100 == pytest.approx(expected["gross_margin"], abs=1e-4)  # postage refunds aside


def test_two_attributes_narrow_together_and_an_unknown_one_gives_nothing(data, by_hand):
    both = data.compute(Scope(*YEAR, product=(("category", "冲锋衣"), ("new_or_old", "新品"))), {"stock-bought", "gmv"})
    products = [p for p in rows("products.csv") if p["类目"] == "冲锋衣" and p["新老品"] == "新品"]
    assert both.values["stock-bought"] == sum(int(p["进货数量"]) for p in products)
    skus = {p["商家编码"] for p in products}
    gmv = sum(Decimal(line["买家实付金额"]) for line in rows("orders.csv") if line["订单付款时间"] and line["商家编码"] in skus)
    assert Decimal(str(both.values["gmv"])) == gmv
    assert data.compute(Scope(*YEAR, product=(("colour", "红"),)), {"gmv"}).values["gmv"] is None
    assert data.compute(Scope(*YEAR, product=(("season", "冬夏"),)), {"gmv"}).values["gmv"] is None


def test_without_a_product_master_product_rows_stay_empty():
    catalogue = catalogues.load()
    data = Data(read_all(sample("orders.csv"), catalogue), catalogue)
    values = data.compute(Scope(*YEAR, product=(("season", "春夏"),)), {"gmv", "goods-cost"}).values
    assert values == {"gmv": None, "goods-cost": None}
    assert data.compute(Scope(*YEAR), {"goods-cost"}).values["goods-cost"] is None  # no unit cost to multiply by


def test_a_checklist_row_narrowed_by_product_is_filled_by_an_import(tmp_path, by_hand):
    from retro_tui.paths import user_checklist_dir

    checklist = user_checklist_dir() / "mini-products.yaml"
    checklist.parent.mkdir(parents=True, exist_ok=True)
    checklist.write_text("""\
id: mini-products
version: 1
title: {zh: 商品, en: Products}
description: {zh: 商品, en: Products}
sections:
  - id: s
    title: {zh: 商品, en: Products}
    guide: {zh: 看商品, en: Look at the products}
    items:
      - id: t
        kind: targets
        label: {zh: 售罄率, en: Sell-through}
        rows:
          - id: spring
            label: {zh: 春夏, en: Spring/summer}
            unit: "%"
            metric: sell-through
            product: {season: 春夏}
          - id: new-down
            label: {zh: 新品羽绒服, en: New down jackets}
            unit: "%"
            metric: sell-through
            product: {category: 羽绒服, new_or_old: 新品}
          - id: spring-618
            label: {zh: 618 春夏款销售额, en: 618 spring/summer sales}
            unit: 元
            metric: gmv
            campaign: "618"
            product: {season: 春夏}
""", encoding="utf-8")
    assert run("validate", checklist).exit_code == 0
    workbook = tmp_path / "review.toml"
    run("new", workbook, "--checklist", "mini-products", "--period", "2025-01-01..2025-12-31")
    result = run("import", workbook, sample("orders.csv"), sample("products.csv"), sample("targets_campaign.csv"))
    assert result.exit_code == 0, result.output
    book = Workbook.load(workbook)
    spring = by_hand["season", "春夏"]
    assert target_actual(book.target_row("s", "t", "spring")) == (None, pytest.approx(float(spring["kept"] / spring["bought"] * 100), abs=1e-2))
    assert book.target_row("s", "t", "spring").sources() == {"actual": ["orders.csv", "products.csv"]}
    assert book.target_row("s", "t", "new-down").actual is not None
    products = {p["商家编码"]: p for p in rows("products.csv")}
    gmv = sum(Decimal(line["买家实付金额"]) for line in rows("orders.csv")
              if "2025-05-20" <= line["订单付款时间"][:10] <= "2025-06-18" and products[line["商家编码"]]["季节"] == "春夏")
    target, actual = target_actual(book.target_row("s", "t", "spring-618"))
    assert target is None and Decimal(str(actual)) == gmv  # the campaign's days, without the shop's 618 target


def test_a_product_row_must_name_attributes():
    from retro_tui.checklist import ChecklistError, parse

    with pytest.raises(ChecklistError, match="product"):
        parse("""\
id: x
version: 1
title: x
description: x
sections:
  - id: s
    title: s
    guide: g
    items:
      - id: t
        kind: targets
        label: t
        rows:
          - {id: r, label: r, metric: gmv, product: {}}
""")
