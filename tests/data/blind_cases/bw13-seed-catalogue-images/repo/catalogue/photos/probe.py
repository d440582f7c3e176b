"""Read the pixel size of an image from its header, without decoding it."""
import struct

SUPPORTED_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}


class UnknownImageFormat(ValueError):
    pass


def sniff_content_type(data):
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    raise UnknownImageFormat("not a JPEG, PNG, GIF or WebP image")


def image_dimensions(data):
    """Return ``(content_type, width, height)`` for the image bytes ``data``."""
    content_type = sniff_content_type(data)
    if content_type == "image/png":
        width, height = struct.unpack(">II", data[16:24])
    elif content_type == "image/gif":
        width, height = struct.unpack("<HH", data[6:10])
    elif content_type == "image/webp":
        width, height = _webp_size(data)
    else:
        width, height = _jpeg_size(data)
    return content_type, width, height


def _webp_size(data):
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = 1 + int.from_bytes(data[24:27], "little")
        height = 1 + int.from_bytes(data[27:30], "little")
        return width, height
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    raise UnknownImageFormat(f"unsupported WebP chunk {chunk!r}")


def _jpeg_size(data):
    offset = 2
    while offset + 9 < len(data):
        if data[offset] != 0xFF:
            raise UnknownImageFormat("corrupt JPEG marker")
        marker = data[offset + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            offset += 2
            continue
        (length,) = struct.unpack(">H", data[offset + 2:offset + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[offset + 5:offset + 9])
            return width, height
        offset += 2 + length
    raise UnknownImageFormat("JPEG without a frame header")
