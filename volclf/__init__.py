__version__ = "0.0.1"

# The error type users catch, at the top level as `volclf.VolclfError` (volclf.core imports only NumPy)
from .core import VolclfError
