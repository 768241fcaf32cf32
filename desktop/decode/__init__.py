"""Barcode decoding from camera frames and photos (pyzbar + Pillow preprocessing), Qt-free."""
