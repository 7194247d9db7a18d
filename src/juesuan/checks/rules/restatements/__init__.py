"""A fact stated in two places: the same quantity (or a whole and its parts) given in two sections, or in a section
and a table, must agree.

* X040 政府采购 货物 + 工程 + 服务 = the total stated with them;
* X041 amounts awarded within the projects reserved for SMEs / micro enterprises ≤ the amounts reserved, and
  contracts granted to micro ≤ to SMEs ≤ the whole 政府采购;
* X042 the year-on-year changes of the three 三公 parts add up to the change of the 三公 total;
* X043 the 三公 lines of the 基本支出决算表 (30212, 30217, 30231) ≤ the 三公 table's 决算数 of the same part.

Vocabulary (subjects, codes, columns): ``patterns/restatements.toml``. Every comparison is interval arithmetic on the
figures as printed (a figure with d decimals stands for ±0.5·10^-d).
"""
