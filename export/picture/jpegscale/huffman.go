package jpegscale

// lutBits is how many bits of the next code one table lookup decodes;
// longer codes (rare in photographs) go through the canonical-code
// limits of T.81 Annex F.2.2.3.
const lutBits = 9

// huffman is one Huffman table (T.81 Annex C).
type huffman struct {
	ok bool
	// lut, by the next lutBits bits: the code's length in bits<<8 | its
	// value, 0 for a code longer than lutBits (or none).
	lut [1 << lutBits]uint16
	// maxCode[l] is the largest code of length l, -1 for none;
	// valPtr[l] is the index in vals of the first code of length l,
	// minus that code.
	maxCode [17]int32
	valPtr  [17]int32
	vals    [256]uint8
}

// build makes the table from the counts of codes of each length 1-16 and
// the values in code order (C.2: codes are given out in order, each
// length's first code the previous length's next one doubled).
func (t *huffman) build(counts [16]int, vals []byte) error {
	*t = huffman{}
	copy(t.vals[:], vals)
	code, k := int32(0), int32(0)
	for l := 1; l <= 16; l++ {
		n := int32(counts[l-1])
		t.maxCode[l] = -1
		if n > 0 {
			t.valPtr[l] = k - code
			code += n
			k += n
			t.maxCode[l] = code - 1
			if code > 1<<l { // more codes than the length allows
				return errFallback
			}
			if l <= lutBits {
				for c := code - n; c < code; c++ {
					v := uint16(t.vals[t.valPtr[l]+c])
					shift := lutBits - l
					for j := range int32(1) << shift {
						t.lut[c<<shift|j] = uint16(l)<<8 | v
					}
				}
			}
		}
		code <<= 1
	}
	t.ok = true
	return nil
}

// bitReader reads the entropy-coded data of a scan, most significant bit
// first, with the stuffed zero after each 0xff removed (F.1.2.3). At a
// marker or the end of the data it gives zero bits and counts them, so
// that a decoding that used them is known to have read past its data.
type bitReader struct {
	data   []byte
	pos    int    // next byte to read
	acc    uint64 // the next bits, left-aligned
	n      uint   // bits in acc
	marker bool   // pos is at a marker (or the end): no more data
	fake   uint   // zero bits given past the data, the last of acc
}

// fill tops acc up to more than 56 bits.
func (b *bitReader) fill() {
	for b.n <= 56 {
		var c byte
		if !b.marker {
			if b.pos >= len(b.data) {
				b.marker = true
			} else if c = b.data[b.pos]; c != 0xff {
				b.pos++
			} else if b.pos+1 < len(b.data) && b.data[b.pos+1] == 0 {
				b.pos += 2
			} else {
				b.marker = true
				c = 0
			}
		}
		if b.marker {
			b.fake += 8
		}
		b.acc |= uint64(c) << (56 - b.n)
		b.n += 8
	}
}

// overrun reports whether bits past the data were used.
func (b *bitReader) overrun() bool { return b.n < b.fake }

// decodeLong reads one Huffman-coded value of t whose code is longer
// than lutBits (F.2.2.3), with at least 16 bits at hand.
func (b *bitReader) decodeLong(t *huffman) (uint8, bool) {
	for l := uint(lutBits + 1); l <= 16; l++ {
		code := int32(b.acc >> (64 - l))
		if code <= t.maxCode[l] {
			b.acc <<= l
			b.n -= l
			return t.vals[t.valPtr[l]+code], true
		}
	}
	return 0, false
}

// reset drops what is left of a byte-aligned interval and reads past
// the restart marker RSTm that must follow it; false when the data do
// not end there.
func (b *bitReader) reset(m int) bool {
	if b.n < b.fake || b.n-b.fake >= 8 {
		return false // bits used past the data, or whole bytes left unread
	}
	b.acc, b.n, b.fake = 0, 0, 0
	for b.pos+1 < len(b.data) && b.data[b.pos] == 0xff && b.data[b.pos+1] == 0xff {
		b.pos++
	}
	if b.pos+1 >= len(b.data) || b.data[b.pos] != 0xff || b.data[b.pos+1] != byte(0xd0+m) {
		return false
	}
	b.pos += 2
	b.marker = false
	return true
}

// finish checks that the scan's data end at a marker, with no whole
// bytes unread, and returns the marker's position.
func (b *bitReader) finish() (int, bool) {
	if b.n < b.fake || b.n-b.fake >= 8 {
		return 0, false
	}
	if !b.marker {
		// Bits were left to read in acc only; the marker must follow.
		if b.pos+1 >= len(b.data) || b.data[b.pos] != 0xff || b.data[b.pos+1] == 0 {
			return 0, false
		}
	}
	return b.pos, true
}
