"""Scale-out (optional extra `planscope[scale]`): bulk ingest of many documents on Dask distributed."""

from planscope.scale.bulk import BulkReport, bulk_ingest, dask_client
from planscope.scale.work import Parsed, parse_file

__all__ = ["BulkReport", "Parsed", "bulk_ingest", "dask_client", "parse_file"]
