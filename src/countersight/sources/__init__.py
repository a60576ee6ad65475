"""List readers, one module per format. Each module exposes ``FORMATS``; ``registry`` finds them."""
