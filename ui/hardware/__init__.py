"""Counter hardware in Qt: camera scanning, scanner set-up, label and document printing."""
