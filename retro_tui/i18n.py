"""Two languages, one place: bilingual text values and the app's own messages."""

from __future__ import annotations

import os
from typing import Annotated, Literal

import msgspec

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


class Bilingual(msgspec.Struct, forbid_unknown_fields=True):
    """A text written in both languages."""

    zh: Annotated[str, msgspec.Meta(description="Chinese text (中文)")]
    en: Annotated[str, msgspec.Meta(description="English text")]


Text = str | Bilingual
"""A text: one string used in both languages, or a `{zh, en}` pair."""


def pick(text: Text | None, lang: Lang) -> str:
    """The text in `lang` ("" for None)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.zh if lang == "zh" else text.en


def label_with_unit(label: str, unit: str, lang: Lang) -> str:
    """`销售额（元）` / `Sales (CNY)`; the label alone when there is no unit, or when it already
    ends with it (`Paid orders`, not `Paid orders (orders)`)."""
    if not unit or label.casefold().endswith((unit.casefold(), unit.casefold() + "s")):
        return label
    return f"{label}（{unit}）" if lang == "zh" else f"{label} ({unit})"


def list_sep(lang: Lang) -> str:
    """Between the items of a list in running text: `负责人、截止日期` / `owner, due`."""
    return "、" if lang == "zh" else ", "


def system_lang() -> Lang:
    """The language the user's locale asks for: Chinese for any `zh*` locale, else English."""
    for var in ("RETRO_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def tr(key: str, lang: Lang, **values: object) -> str:
    """The message `key` in `lang`, with `{name}` fields filled from `values`."""
    zh, en = MESSAGES[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


# key: (中文, English)
MESSAGES: dict[str, tuple[str, str]] = {
    # item states and table headings
    "no_answers": ("本节暂无内容。", "Nothing recorded in this section."),
    "report_summary": ("摘要", "Summary"),
    "metric": ("指标", "Metric"),
    "target": ("目标", "Target"),
    "actual": ("实际", "Actual"),
    "variance": ("差异", "Variance"),
    "completion": ("完成率", "Completion"),
    "status": ("状态", "Status"),
    "last_year": ("去年同期", "Last year"),
    "growth": ("同比", "YoY"),
    "share": ("占比", "Share"),
    "carried_title": ("上次复盘交来的事", "Handed over by the last review"),
    "carried_open": ("还没关闭：{where}。先逐条更新它们的进展。", "Still open: {where}. Update each one's status first."),
    "carried_where": ("{section} · {item} {n} 条", "{n} in {section} · {item}"),
    "metric_typed": ("这一格是手写的指标：按回车修改，或按 Delete 清空后再用空格挑选目标表里的指标",
                     "This metric was typed: press Enter to edit it, or Delete to clear it and then Space to pick a row of the targets tables"),
    "ledger_total": ("合计", "Total"),
    "ledger_by_month": ("{item}（按月）", "{item}, month by month"),
    "month": ("月份", "Month"),
    "share_of_turnover": ("占营业额 {ratio}", "{ratio} of sales"),
    "points": ("{value}pct", "{value}pp"),
    "lacking_note": ("{name}：实际值留空——{files} 没有这项数据（如京东订单导出不含退款，退款在售后服务单里，导入后即填上）。",
                     "{name}: left empty — {files} give(s) no such figure (JD's order export has no refunds: they are in its after-sales export; import it and this is filled)."),
    "sources_note": ("数据来自导入文件：{files}；其余为手填。", "From imported files: {files}; the rest was typed."),
    "status_met": ("达成", "met"),
    "status_missed": ("未达成", "missed"),
    "status_pending": ("待填", "pending"),
    "reason_target_not_positive": ("目标≤0，不计完成率", "target ≤ 0: no completion rate"),
    "reason_actual_zero": ("实际为0，不计完成率", "actual is 0: no completion rate"),
    # the sales-gap split
    "gap_visitors": ("访客数", "Visitors"),
    "gap_conversion": ("转化率", "Conversion"),
    "gap_aov": ("客单价", "Order value"),
    "gap_plan": ("目标拆解差", "Plan rounding"),
    "gap_sales": ("销售额", "Sales"),
    "gap_factor": ("因素", "Factor"),
    "gap_contribution": ("贡献（元）", "Effect (CNY)"),
    "gap_effect": ("影响", "Impact"),
    "gap_helped": ("有利", "helped"),
    "gap_hurt": ("不利", "hurt"),
    "unit_people": ("人", "people"),
    "unit_percent": ("%", "%"),
    "unit_yuan": ("元", "CNY"),
    "gap_below": ("销售额比目标少 {amount} 元", "Sales came in {amount} CNY below target"),
    "gap_above": ("销售额比目标多 {amount} 元", "Sales beat the target by {amount} CNY"),
    "gap_even": ("销售额与目标持平", "Sales matched the target"),
    "gap_reading": ("{head}，其中{parts}（元）。", "{head}: {parts} (CNY)."),
    "gap_most_cost": ("拖累最大的是{factor}（{amount} 元）。", " {factor} cost the most ({amount} CNY)."),
    "gap_most_help": ("帮助最大的是{factor}（{amount} 元）。", " {factor} helped the most ({amount} CNY)."),
    "gap_months": ("逐月拆解后相加：{n} 个月（{months}）。", "Split month by month and added up over {months} (months: {n})."),
    "gap_left_out": ("未计入（缺少因素或为零）：{months}。", " Left out (a factor missing or zero): {months}."),
    "gap_sources": ("数据来自：{files}。", " From: {files}."),
    "gap_empty": ("还没有数据：导入店铺日报（生意参谋店铺整体日报，如 sycm_shop_daily.csv）和带访客数、转化率、客单价目标的月度目标表（如 targets_monthly.csv）后，这里会拆解销售额差距（F6 导入）。",
                  "No data yet: import the shop daily report (生意参谋's 店铺整体日报, e.g. sycm_shop_daily.csv) and the monthly targets with visitors, conversion and order-value targets (e.g. targets_monthly.csv), and the sales gap is split here (F6 imports)."),
    # report
    "period": ("周期", "Period"),
    "team": ("团队", "Team"),
    "facilitator": ("主持人", "Facilitator"),
    "checklist": ("清单", "Checklist"),
    "updated": ("更新于", "Updated"),
    "exported_by": ("由 retro_tui 导出", "Exported by retro_tui"),
    # command line
    "cli_exists": ("{path}：文件已存在（用 --force 覆盖）", "{path}: already exists (use --force to replace it)"),
    "cli_created_folder": ("新建了文件夹 {folder}", "created the folder {folder}"),
    "cli_created": ("已创建 {path}（{id} v{version}，{start}..{end}）", "created {path} ({id} v{version}, {start}..{end})"),
    "cli_cannot_write": ("{path}：无法写入：{error}", "{path}: cannot write: {error}"),
    "not_a_regular_file": ("这不是普通文件（是设备、管道或文件夹），请给一个文件名",
                           "not a regular file (a device, a pipe or a folder): give the name of a file"),
    "cli_valid": ("{path}：通过（{id} v{version}，{sections} 节，{items} 项）",
                  "{path}: ok ({id} v{version}, {sections} sections, {items} items)"),
    "cli_demo": ("示例工作簿：{path}", "demo workbook: {path}"),
    "demo_kept": ("打开的是已有的示例副本 {path}（含之前的修改）；删掉它可重新得到原始示例。",
                  "Opened the existing demo copy {path} (with earlier edits); delete it for a fresh one."),
    "no_checklists": ("没有找到任何清单", "no checklists found"),
    "start_exists": ("{path} 已存在：可以从左侧打开它，或换一个文件名", "{path} already exists: open it on the left, or choose another name"),
    # metrics import
    "import_file": ("{file}：{kind}，{encoding}，表头在第 {header} 行，{rows} 行", "{file}: {kind}, {encoding}, header row {header}, {rows} rows"),
    "import_period": ("  周期内 {used} 行，数据覆盖 {start} – {end}", "  {used} in the period, covering {start} – {end}"),
    "import_columns": ("  列：{columns}", "  columns: {columns}"),
    "import_unused": ("  未使用：{columns}", "  not used: {columns}"),
    "import_derived": ("  派生列不读取（由各部分重新计算）：{columns}", "  derived columns not read (recomputed from their parts): {columns}"),
    "import_format": ("  格式：{format}，渠道：{channel}", "  format: {format}, channel: {channel}"),
    "import_left_not_sales": ("  略去 {n} 行：订单状态不算销售（未付款、已取消）", "  left out {n} row(s): a status that is no sale (not paid, cancelled)"),
    "import_left_no_paid_time": ("  略去 {n} 行：没有付款时间（未付款）", "  left out {n} row(s): no paid time (never paid)"),
    "import_left_duplicate": ("  略去 {n} 行：与之后导入的文件重复（以后者为准）", "  left out {n} row(s): the same rows as a file imported later (the later one counts)"),
    "import_left_outside": ("  略去 {n} 行：不在复盘周期内", "  left out {n} row(s): outside the review period"),
    "import_left_refunds_in_orders": ("  {n} 笔退款未使用：该平台的订单导出本身带退款", "  {n} refund(s) not used: that platform's order export gives its refunds itself"),
    "import_left_other_window": ("  略去 {n} 行：其他转化周期的同一数据（只算一个周期）", "  left out {n} row(s): the same figures for another attribution window (one counts)"),
    "import_left_no_order": ("  {n} 笔退款找不到对应订单（先导入该平台的订单）", "  {n} refund(s) whose order no orders file has (import that platform's orders)"),
    "excel_too_large": ("工作表{unpacked}有 {size} MB，超过本机单个文件的上限 {limit} MB（内存的 1/{share}）：请少导出一些行，或另存为 CSV",
                        "its sheets take {size} MB{unpacked}, more than this machine's limit of {limit} MB for one file (1/{share} of its memory); export fewer rows, or save it as CSV"),
    "excel_unpacked": ("解压后", " unpacked"),
    "import_skipped": ("{file}：{format}，不读取——{why}", "{file}: {format}, not read — {why}"),
    "import_incomplete": ("留空 {where}：{files} 没有这项数据（如退款需另导入售后文件）", "left empty {where}: {files} give(s) no such figure (refunds, say, come from an after-sales export)"),
    "import_unmatched_channels": ("数据中的渠道没有对应的行（未计入分渠道表）：{channels}", "channels in the data that no row names (in no per-channel table): {channels}"),
    "check_days_missing": ("{channel} 的{kind}数据缺 {days}：报告里它的数字不全", "{channel} {kind}: no data for {days}, so its figures in the report are not whole"),
    "check_no_refunds": ("{channel} 的订单导出不含退款，也没有导入它的售后文件：退款、净销售额和退款率留空", "{channel}'s order export has no refunds and no after-sales export of it is imported: refunds, net sales and refund rate stay empty"),
    "all_channels": ("不分渠道", "all channels"),
    "days_in": ("{n} 天（{ranges}）", "{n} day(s) ({ranges})"),
    "holding": ("{channel} · {kind}：{files} 个文件，{rows} 行，覆盖 {days}", "{channel} · {kind}: {files} file(s), {rows} rows, covering {days}"),
    "holding_missing": ("复盘周期内缺 {days}", "missing within the review period: {days}"),
    "holding_whole": ("覆盖整个复盘周期", "covers the whole review period"),
    "holding_none": ("还没有导入任何文件。", "No file imported yet."),
    "import_forgot": ("已移除 {file}，其余文件重新计算", "took out {file}; the figures are computed again from the other files"),
    "import_totals": ("  略去 {n} 行合计（第 {rows} 行）", "  left out {n} total row(s) (row {rows})"),
    "import_filled": ("已填入 {where} = {value}（来自 {files}）", "filled {where} = {value} (from {files})"),
    "import_kept": ("保留 {where}（手填的值；--overwrite 可替换）", "kept {where} (typed by hand; --overwrite replaces it)"),
    "import_cleared": ("清空 {where}（数据在本周期内没有这个值了）", "cleared {where} (the data has no value for it in this period)"),
    "import_split_month": ("{file}：按月的数据，而复盘周期把某个月切开了，这些指标留空", "{file}: monthly data, and the review period cuts through a month: its metrics are left empty"),
    "import_no_rows": ("  注意：复盘周期内没有数据（文件覆盖 {start} – {end}）", "  note: no rows in the review period (the file covers {start} – {end})"),
    "import_unknown_metric": ("清单里的指标在指标目录中不存在：{where}", "the checklist names a metric the catalogue does not have: {where}"),
    "import_no_window": ("活动没有起止日期（目标表或清单的 window 都没给）：{where}", "no dates for the campaign (neither a targets file nor the checklist's window gives them): {where}"),
    "import_fractions": ("Excel 百分比按百分数读入：{values}", "Excel percentages read as percent: {values}"),
    "import_earlier": ("同时用上先前导入的文件：{files}", "also counted, imported before: {files}"),
    "import_replaced": ("每一行都在这次导入的文件里，不再单独计算：{files}", "every row of it is in a file of this import, which takes its place: {files}"),
    "import_unavailable": ("先前导入的文件既不在数据库里，也已不在原处或已改动，它们填的值保持不变：{files}", "imported before, neither in the database beside the workbook nor unchanged where they were (what they filled is kept): {files}"),
    "import_not_stored": ("数据未能存入工作簿旁的数据库（{why}）；导入有效，下次导入会重新读取原文件", "the rows could not be kept in the database beside the workbook ({why}); the import stands, the next one reads the files again"),
    "import_unmatched": ("目标表中没有对应指标的行：{names}", "targets without a metric: {names}"),
    "import_map": ("列映射：列名=字段（回车后所有文件按此重读，并记在工作簿里）", "Map a column: COLUMN=field (Enter reads every file again with it; the workbook remembers it)"),
    "import_map_bad": ("看不懂“{text}”：应写成 列名=字段，字段是其中之一：{fields}", "cannot use \"{text}\": write COLUMN=field, the field one of: {fields}"),
    "read_only": ("只读：此工作簿已在另一个窗口打开，这里的改动不会保存（Ctrl+S 另存为）", "Read-only: this workbook is open in another window; changes here are not saved (Ctrl+S saves as)"),
    "changed_on_disk": ("未保存：文件在磁盘上被改动过", "Not saved: the file changed on disk"),
    "conflict_title": ("{file} 在打开之后被改动过", "{file} changed on disk since it was opened"),
    "conflict_text": ("可能是手工编辑、git pull 或另一个窗口。要怎么办？", "Someone edited it by hand, a git pull, or another window. What now?"),
    "conflict_reload": ("重新载入磁盘上的版本", "Reload the file on disk"),
    "conflict_keep": ("保留我的（覆盖磁盘上的）", "Keep mine (write over it)"),
    "conflict_diff": ("查看差异", "Show the difference"),
    "conflict_disk": ("磁盘上", "on disk"),
    "conflict_mine": ("本窗口", "this window"),
    "conflict_gone": ("磁盘上的文件已被删除或无法读取。", "The file on disk was deleted or cannot be read."),
    "conflict_same": ("内容相同。", "No difference."),
    "save_as_title": ("另存为", "Save as"),
    "save_as_text": ("输入新的文件路径，回车保存；之后就在那里继续编辑。", "Type a path and press Enter; editing goes on in that file."),
    "save_as_exists": ("{path} 已存在：请换一个名字", "{path} already exists: choose another name"),
    "saved_as": ("已另存为 {path}", "Saved as {path}"),
    "saved_beside_changed": ("文件在关闭时已被别人改动：本窗口的内容另存在 {path}", "The file had changed on disk as the app closed: this window's answers are in {path}"),
    "saved_beside_failed": ("关闭时文件保存失败（磁盘已满、文件夹不可写……）：本窗口的内容另存在 {path}", "The file could not be saved as the app closed (a full disk, a folder that cannot be written …): this window's answers are in {path}"),
    "saved_beside_read_only": ("本窗口是只读的：在里面输入的内容另存在 {path}", "This window was read-only: what was typed in it is in {path}"),
    "by_issue": ("按{issues}看行动", "Actions by {issues}"),
    "by_issue_none": ("尚无行动", "no action yet"),
    "phase_warm-up": ("预热", "warm-up"),
    "phase_opening": ("开门红", "opening"),
    "phase_plateau": ("平销", "plateau"),
    "phase_peak": ("高潮", "peak"),
    "phase_encore": ("返场", "encore"),
    "checks_close": ("Esc 或回车关闭", "Esc or Enter closes this"),
    "sys_theme": ("主题｜更换界面的配色", "Theme｜Change the current theme"),
    "sys_quit": ("退出｜保存后退出", "Quit｜Quit the application"),
    "sys_keys": ("按键面板｜显示或隐藏当前控件的帮助和按键", "Keys｜Show or hide the keys panel"),
    "sys_minimize": ("还原｜把放大的控件还原", "Minimize｜Restore the maximized widget"),
    "sys_maximize": ("放大｜放大当前控件", "Maximize｜Maximize the focused widget"),
    "sys_screenshot": ("截图｜把当前屏幕存成 SVG 图片", "Screenshot｜Save an SVG screenshot of the screen"),
    "check_title": ("导出前请看一下（不影响导出）：", "Before this goes out (the report was written anyway):"),
    "check_missing": ("{item}第 {row} 行“{name}”没有填{columns}", "{item}, row {row} \"{name}\": no {columns}"),
    "check_unanswered": ("未解决的问题“{name}”在{item}里没有对应的行动", "the unresolved issue \"{name}\" has no action in {item}"),
    "check_no_target": ("{item}：“{name}”有实际值但没有目标", "{item}: \"{name}\" has an actual but no target"),
    "check_unexplained": ("“{name}”没达成，但{item}里没有写它的原因", "\"{name}\" was missed but {item} names no cause for it"),
    "cli_carried_actuals": ("{where}：{n} 行以 {file} 的实际值作为去年同期", "{where}: {n} row(s) compare with the actuals of {file}"),
    "cli_carried": ("从 {file} 带入 {n} 行仍未完成的 {where}", "carried {n} open row(s) of {where} from {file}"),
    "import_channel": ("渠道（文件里没写平台时；如淘宝/天猫的导出）", "Channel (for files that do not say; e.g. a Taobao/Tmall export)"),
    "import_channel_auto": ("按文件判断", "as the file says"),
    "import_title": ("导入数据", "Import data"),
    "import_path": ("文件路径（CSV 或 Excel；回车读取，可多次添加）", "File path (CSV or Excel; Enter reads it, add as many as needed)"),
    "import_reading": ("正在读取 {file} …", "reading {file} …"),
    "import_apply": ("填入工作簿", "Fill the workbook"),
    "import_cancel": ("取消", "Cancel"),
    "import_clear": ("清空列表", "Clear the list"),
    "import_applying": ("正在计算并填入 …", "computing and filling …"),
    "import_none": ("还没有读取任何文件。", "No file read yet."),
    "import_done": ("已从 {files} 个文件填入 {n} 个值", "filled {n} value(s) from {files} file(s)"),
    "key_import": ("导入", "Import"),
    "cmd_import": ("导入数据", "Import data"),
    "cmd_import_help": ("从店铺导出的 CSV / Excel 填入目标表", "Fill the target tables from shop exports (CSV / Excel)"),
    # app chrome
    "app_title": ("复盘工作簿", "Retro workbook"),
    "start_title": ("retro_tui · 复盘工作簿", "retro_tui · review workbook"),
    "recent": ("最近的工作簿", "Recent workbooks"),
    "no_recent": ("还没有最近打开的工作簿。", "No recent workbooks yet."),
    "new_workbook": ("从清单新建工作簿", "New workbook from a checklist"),
    "field_checklist": ("清单", "Checklist"),
    "field_title": ("标题", "Title"),
    "field_period": ("周期（起..止）", "Period (start..end)"),
    "field_path": ("保存到", "Save as"),
    "field_language": ("语言", "Language"),
    "create": ("创建并打开", "Create and open"),
    "open_path": ("打开文件", "Open a file"),
    "saved_at": ("已保存 {time}", "saved {time}"),
    "save_failed": ("保存失败：{error}", "save failed: {error}"),
    "progress": ("{done}/{total}", "{done}/{total}"),
    "section_of": ("第 {n}/{count} 节", "section {n} of {count}"),
    "no_rows": ("还没有记录。按 Ctrl+N 添加一行。", "No rows yet. Press Ctrl+N to add one."),
    "rows_window": ("第 {first}–{last} 行，共 {total} 行：移动光标看其余的行（Ctrl+End 到最后一行）",
                    "Rows {first}–{last} of {total}: move the cursor to see the rest (Ctrl+End for the last row)"),
    "invalid_number": ("不是数字：{value}", "not a number: {value}"),
    "negative_kept": ("{where}：{value} 小于 0，而这一项不会是负数；已照填保存，请核对正负号",
                      "{where}: {value} is below 0, which it cannot be; kept as typed — check the sign"),
    "number_too_large": ("数字太大，不会是金额：{value}（{limit} 及以上），请核对位数",
                         "too large to be an amount: {value} ({limit} or more); check the digits"),
    "invalid_date": ("不是日期：{value}（请写成 2025-06-18；时间轴里也可以只写本期内的 6.18）",
                     "not a date: {value} (use 2025-06-18; in a timeline, 6.18 within the period will do)"),
    "invalid_choice": ("没有这个选项：{value}（可选：{options}）", "no such option: {value} (one of: {options})"),
    "confirm_delete_row": ("再按一次 Ctrl+R 删除第 {n} 行", "Press Ctrl+R again to delete row {n}"),
    "exported_to": ("已导出到 {path}", "exported to {path}"),
    "lang_switched": ("界面和报告语言：中文", "Interface and report language: English"),
    # bindings
    "key_next": ("下一节", "Next section"),
    "key_prev": ("上一节", "Previous section"),
    "key_help": ("帮助", "Help"),
    "key_export": ("导出", "Export"),
    "key_lang": ("中/EN", "中/EN"),
    "key_quit": ("退出", "Quit"),
    "key_save_as": ("另存为", "Save as"),
    "read_only_unsaved": ("这个窗口是只读的，这里填的答案还没保存：请另存到别处（按 Esc 再按 Ctrl+Q，则退出时存到旁边的 .mine 文件）",
                          "This window is read-only and the answers typed here are not saved: save them elsewhere (Esc, then Ctrl+Q, leaves them in a .mine file beside the workbook)"),
    "check_unplaced": ("工作簿里有清单 {id}（{file}）没有的答案，各节里不显示（仍在文件里，也列在报告末尾的附录里）：",
                       "The workbook holds answers checklist {id} ({file}) has no place for; no section shows them (they stay in the file and are listed in the report's appendix):"),
    "check_unplaced_more": ("……另有 {count} 条，见报告附录", "… and {count} more, in the report's appendix"),
    "check_checklist_ids": ("清单 {id}（{file}）的节或项与做这本工作簿时不同；每个答案仍有它的位置",
                            "Checklist {id} ({file}) has other sections or items than when this workbook was made; every answer still has its place"),
    "check_checklist_version": ("清单 {id} 已从第 {made} 版变为第 {now} 版：请核对各节是否都还在",
                                "Checklist {id} changed from version {made} to {now} since this workbook was made: check every section is still there"),
    "key_clock": ("会议计时：开始、暂停、继续（每一节各计各的，记进工作簿）",
                  "Meeting clock: start, pause, go on (each section timed on its own, kept in the workbook)"),
    "clock_running": ("⏱ {section}  {left}  ({elapsed} / {planned})    全场 {total} / {plan} 分钟    F9 暂停",
                      "⏱ {section}  {left}  ({elapsed} / {planned})    meeting {total} / {plan} min    F9 pause"),
    "clock_paused": ("⏸ {section}  {left}  ({elapsed} / {planned})    全场 {total} / {plan} 分钟    F9 继续",
                     "⏸ {section}  {left}  ({elapsed} / {planned})    meeting {total} / {plan} min    F9 go on"),
    "clock_left": ("还剩 {time}", "{time} left"),
    "clock_over": ("超时 {time}", "{time} over"),
    "key_meeting": ("会议面板：谁在场、停车场（暂放跑题的话）", "Meeting panel: who is in the room, the parking lot (remarks set aside)"),
    "meeting_title": ("会议", "Meeting"),
    "meeting_park_label": ("停车场：跑题但值得记下的话，回车放进去，会后在最后一节和纪要里",
                           "Parking lot: a remark off the topic worth keeping; Enter sets it aside (the last section and the minutes show it)"),
    "meeting_park_placeholder": ("比如：仓库搬迁要不要提前？", "e.g. Should the warehouse move earlier?"),
    "meeting_nothing_parked": ("（还没有）", "(nothing yet)"),
    "meeting_attendees_label": ("谁在场（姓名:角色，用逗号隔开；回车保存）", "Who is in the room (name:role, separated by commas; Enter keeps it)"),
    "meeting_attendees_placeholder": ("林悦:引导人, 周航:叙述人, 王芳", "Lin Yue:facilitator, Zhou Hang:narrator, Wang Fang"),
    "meeting_roles": ("角色：{roles}（不写即参与人）", "Roles: {roles} (none given: participant)"),
    "meeting_bad_role": ("没有保存：{error}", "Not kept: {error}"),
    "meeting_attendees_kept": ("已记下 {n} 位参会人", "{n} attendees kept"),
    "key_presenter": ("投影模式：当前问题放大、关键数字大字显示、收起引导和节目录；再按一次回来",
                      "Presenter view: the question large, the key figures in big digits, the guide and the sections' list away; again to come back"),
    "presenter_target": ("目标 {target} · 完成 {completion}", "target {target} · {completion} done"),
    "key_vote": ("在有“票数”一栏的表格里投票：全场轮流投，每人三票，结束后按票数排序",
                 "A vote round in a table with a Votes column: everyone in turn, three dots each, then sorted by votes"),
    "key_vote_add": ("投一票", "one dot"),
    "key_vote_take": ("撤回一票", "take a dot back"),
    "key_vote_next": ("下一位", "next person"),
    "key_vote_end": ("结束投票", "end the round"),
    "key_vote_drop": ("放弃这轮", "drop the round"),
    "vote_title": ("投票：{item}", "Vote: {item}"),
    "vote_turn": ("轮到 {voter}：还剩 {left} 票（第 {n}/{count} 位）", "{voter}'s turn: {left} dots left (person {n} of {count})"),
    "vote_keys": ("↑↓ 选行 · + 或空格 投一票 · − 撤回 · Tab 下一位 · 回车 结束并按票数排序 · Esc 放弃",
                  "↑↓ pick a row · + or Space: a dot · −: take it back · Tab: next person · Enter: end, sorted by votes · Esc: drop"),
    "vote_votes": ("票数", "Votes"),
    "vote_dots": ("票", "Dots"),
    "voter_n": ("第 {n} 位", "Person {n}"),
    "vote_where": ("投票要在有“票数”一栏的表格里（比如问题清单）按 Ctrl+T", "Press Ctrl+T in a table with a Votes column (the problems, say)"),
    "vote_empty": ("表格还没有行：先把要投票的内容写进去", "The table has no rows yet: write down what to vote on first"),
    "vote_done": ("投票结束，已按票数排序；最多票：{rows}", "Round over, sorted by votes; most voted: {rows}"),
    "minutes_votes": ("投票", "Votes"),
    "minutes_vote_line": ("{name}：{votes} 票（{by}）", "{name}: {votes} ({by})"),
    "role_facilitator": ("引导人", "Facilitator"),
    "role_narrator": ("叙述人", "Narrator"),
    "role_questioner": ("设问人", "Questioner"),
    "role_participant": ("参与人", "Participant"),
    "minutes_title": ("会议纪要", "Minutes"),
    "minutes_sittings": ("会议时间", "Sittings"),
    "minutes_attendees": ("参会人", "Attendees"),
    "minutes_section": ("环节", "Section"),
    "minutes_planned": ("计划", "Planned"),
    "minutes_spent": ("实际", "Spent"),
    "minutes_total": ("合计", "Total"),
    "minutes_parked": ("停车场（会上暂放的话题）", "Parking lot (remarks set aside in the meeting)"),
    "minutes_min": ("{n} 分钟", "{n} min"),
    "report_unplaced": ("附录：清单里没有位置的答案", "Appendix: answers the checklist has no place for"),
    "report_unplaced_intro": ("清单 {id}（{file}）没有这些节或项；答案仍在工作簿里，原样列在这里。",
                              "Checklist {id} ({file}) has none of these sections or items; the answers stay in the workbook and are listed here as they are."),
    "key_guide": ("展开或收起本节引导", "Show or fold the section's guide"),
    "guide_folded": ("……（F3 展开全部引导）", "… (F3 shows the whole guide)"),
    "key_undo": ("撤销上一次修改（单元格、加行删行、选项、导入），回到修改所在的那一节",
                 "Undo the last change (a cell, a row added or deleted, a choice, an import), in the section it was made in"),
    "key_redo": ("重做撤销的修改", "Redo what was undone"),
    "key_back": ("返回", "Back"),
    "key_add_row": ("加行", "Add row"),
    "key_delete_row": ("删行", "Delete row"),
    "key_palette": ("命令", "commands"),
    # help
    "help_title": ("按键说明", "Keys"),
    "help_intro": (
        "一节一屏：左侧是各节与进度，右侧是当前节的引导和题目。每次回车、离开字段或停顿片刻都会自动保存。",
        "One section per screen: the sections and their progress on the left, the current "
        "section's guide and items on the right. Every answer is saved when you press Enter, "
        "leave the field or pause typing.",
    ),
    "help_tab": ("在字段间移动（多行备注里也一样）", "move between fields (out of a note too)"),
    "help_arrows": ("在表格里移动；单选、勾选清单里选择", "move in a table; pick in a choice or a list of points"),
    "help_enter": ("编辑表格单元格（原值已选中，直接输入即替换；时间轴的日期可只写 6.18）；再按回车保存并下移一行；选项格里切换到下一项",
                   "edit a table cell (its value selected: typing replaces it; a timeline's date may be just 6.18); Enter again saves and moves down; in a choice cell, the next option"),
    "undone": ("已撤销：{section}", "Undone: {section}"),
    "redone": ("已重做：{section}", "Redone: {section}"),
    "nothing_undone": ("没有可撤销的修改", "Nothing to undo"),
    "nothing_redone": ("没有可重做的修改", "Nothing to redo"),
    "help_escape": ("取消正在编辑的单元格", "cancel the cell being edited"),
    "help_delete": ("清空表格单元格", "clear a table cell"),
    "help_imported": ("青色的目标和实际值来自导入的数据；手填会替换它", "cyan targets and actuals came from imported data; typing replaces them"),
    "help_space": ("选中单选项、勾选要点；表格里切换选项（也可按选项的首字母，如 d 选 done），或在“衡量指标”格里逐个挑选目标表里的指标",
                   "pick an option, tick a point; step a choice in a table (or type its first letter: d for Done), or through the targets tables' rows in a Metric cell"),
    # commands
    "cmd_jump": ("跳转到：{title}", "Go to: {title}"),
    "cmd_jump_help": ("打开这一节", "Open this section"),
    "cmd_export": ("导出 Markdown", "Export Markdown"),
    "cmd_export_help": ("在工作簿旁写出 .md 报告", "Write the .md report next to the workbook"),
    "cmd_lang": ("切换语言 中文/English", "Switch language 中文/English"),
    "cmd_lang_help": ("切换界面和报告的语言", "Switch the interface and report language"),
}
