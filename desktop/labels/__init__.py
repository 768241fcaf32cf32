"""Labels: cell, box re-label and club card barcodes rendered with python-barcode and Pillow (Qt-free)."""
