// Package icc holds the colour profiles leafpress embeds in its PDFs and
// reads the headers of ICC profiles.
//
// [CMYK] is the print condition of the print PDFs' PDF/X-4 output intent:
// offset printing on coated paper as characterised by FOGRA39 (ISO
// 12647-2:2004/Amd 1, the "ISO Coated v2" class). The profile is not
// Fogra's or ECI's own (their licences do not allow shipping them inside
// a program); it was computed with ArgyllCMS's colprof from the FOGRA39
// characterisation data Debian ships in icc-profiles-free, under the
// zlib licence (see README.md here for the command and the licences).
//
// [SRGB] is the sRGB profile of the same Debian package (zlib licence),
// the colour space of RGB pictures in a print PDF: PDF/X-4 allows RGB only
// with an ICC profile, so the print shop's RIP converts it exactly.
package icc

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"strings"
)

//go:embed leafpress-fogra39.icc
var cmyk []byte

//go:embed sRGB.icc
var srgb []byte

// CMYK returns the FOGRA39 coated CMYK output profile. The slice is shared:
// do not modify it.
func CMYK() []byte { return cmyk }

// SRGB returns the sRGB profile. The slice is shared: do not modify it.
func SRGB() []byte { return srgb }

// CMYKCondition names the characterisation the CMYK profile describes, as
// the output intent's /OutputConditionIdentifier gives it (the name in the
// ICC's registry of characterisation data).
const CMYKCondition = "FOGRA39"

// CMYKInfo describes the CMYK profile's print condition for the output
// intent's /Info.
const CMYKInfo = "Coated FOGRA39 (ISO 12647-2:2004/Amd 1), profile computed by ArgyllCMS from FOGRA39L.ti3"

// Header is what a profile's 128-byte header says about it.
type Header struct {
	Size       uint32 // bytes, as the header gives it
	Version    string // "2.2" or "4.3"
	Class      string // device class: "prtr" (output), "mntr", "scnr", ...
	ColorSpace string // data colour space: "CMYK", "RGB ", "GRAY", ...
	PCS        string // profile connection space: "Lab " or "XYZ "
	Components int    // colour components of ColorSpace (0 when unknown)
}

// ParseHeader reads the header of an ICC profile and checks its
// signature ('acsp') and size.
func ParseHeader(b []byte) (Header, error) {
	if len(b) < 128 {
		return Header{}, fmt.Errorf("icc: %d bytes is too short for a profile header", len(b))
	}
	if string(b[36:40]) != "acsp" {
		return Header{}, fmt.Errorf("icc: no 'acsp' signature: not an ICC profile")
	}
	h := Header{
		Size:       binary.BigEndian.Uint32(b[0:4]),
		Version:    fmt.Sprintf("%d.%d", b[8], b[9]>>4),
		Class:      string(b[12:16]),
		ColorSpace: string(b[16:20]),
		PCS:        string(b[20:24]),
	}
	if int(h.Size) != len(b) {
		return h, fmt.Errorf("icc: header says %d bytes, the profile has %d", h.Size, len(b))
	}
	switch strings.TrimSpace(h.ColorSpace) {
	case "GRAY":
		h.Components = 1
	case "RGB", "Lab", "XYZ":
		h.Components = 3
	case "CMYK":
		h.Components = 4
	}
	return h, nil
}
