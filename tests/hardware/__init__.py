"""Tests for counter hardware: decoding, labels, documents, printing, camera, scanner set-up."""
