__version__ = "0.0.1"

# The error type users catch, at the top level as `volclf.VolclfError` (volclf.io imports only NumPy)
from .io import VolclfError
