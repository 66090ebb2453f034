"""Documents PlanScope has never seen, written for these tests (other regions, years, formats and layouts),
built at test time by `builders.py`."""
