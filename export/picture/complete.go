package picture

import "bytes"

// jpegCut reports whether a JPEG file ends before its picture data does:
// a file copied or downloaded only in part. Its marker segments are
// walked by their lengths up to the first scan (so a thumbnail inside the
// EXIF segment is skipped), and after it the end-of-image marker must
// come. Within scan data a 0xFF byte is always followed by 0x00 or a
// restart marker, so 0xFF 0xD9 there is the end marker. A file whose
// segments cannot be walked is not called cut: the decoders judge it.
func jpegCut(data []byte) bool {
	i := 2 // after SOI
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return false
		}
		m := data[i+1]
		switch {
		case m == 0xFF: // fill byte
			i++
			continue
		case m == 0x01 || m >= 0xD0 && m <= 0xD8: // markers without a length
			i += 2
			continue
		}
		n := int(data[i+2])<<8 | int(data[i+3])
		if n < 2 {
			return false
		}
		i += 2 + n
		if m == 0xDA { // start of scan
			return i > len(data) || !bytes.Contains(data[i:], []byte{0xFF, 0xD9})
		}
	}
	return true // ended among the headers, before any scan
}
