"""PlanScope: manage, monitor and evaluate China's development plans.

The Python API comes first; the CLI mirrors it verb for verb.
"""

from planscope.model import Extraction
from planscope.parse import extract

__version__ = "0.1.0"
__all__ = ["Extraction", "__version__", "extract"]
