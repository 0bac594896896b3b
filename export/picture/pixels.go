package picture

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/disintegration/imaging"

	"leafpress/export/doc"
)

// onWhite flattens img's transparency onto white.
func onWhite(img *image.NRGBA) *image.NRGBA {
	out := imaging.New(img.Bounds().Dx(), img.Bounds().Dy(), color.White)
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Over)
	return out
}

// grey returns img as a grey picture (its red channel: img is grey).
func grey(img *image.NRGBA) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()))
	copy(g.Pix, channel(img, 0))
	return g
}

// channel returns one channel of img: 0 red (the grey of a grey
// picture), 3 alpha.
func channel(img *image.NRGBA, c int) []byte {
	out := make([]byte, 0, len(img.Pix)/4)
	for i := c; i < len(img.Pix); i += 4 {
		out = append(out, img.Pix[i])
	}
	return out
}

func rgbBytes(img *image.NRGBA) []byte {
	out := make([]byte, 0, len(img.Pix)/4*3)
	for i := 0; i < len(img.Pix); i += 4 {
		out = append(out, img.Pix[i], img.Pix[i+1], img.Pix[i+2])
	}
	return out
}

func cmykBytes(img *image.NRGBA) []byte {
	out := make([]byte, 0, len(img.Pix))
	for i := 0; i < len(img.Pix); i += 4 {
		c, m, y, k := RGBToCMYK(img.Pix[i], img.Pix[i+1], img.Pix[i+2])
		out = append(out, byte(math.Round(c*255)), byte(math.Round(m*255)), byte(math.Round(y*255)), byte(math.Round(k*255)))
	}
	return out
}

// RGBToCMYK converts without a colour profile, with full grey component
// replacement: neutral colours use black ink only. Components are 0-1.
func RGBToCMYK(r8, g8, b8 uint8) (c, m, y, k float64) {
	r, g, b := float64(r8)/255, float64(g8)/255, float64(b8)/255
	k = 1 - math.Max(r, math.Max(g, b))
	if k >= 1 {
		return 0, 0, 0, 1
	}
	return (1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k
}

func flate(b []byte) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// Pixels returns im decoded and upright, for a backend that draws
// pictures itself, and the scale of the result to the upright source. A
// decoded JPEG is given as NRGBA, and when its long side is at least twice
// side (side > 0) shrunk by averaging whole blocks of k×k pixels, k the
// largest that keeps its long side at least side, so scale is about 1/k
// (a factor 2, 4 or 8 of k done while decoding, by jpegscale, when the
// file allows); any other picture is given as decoded (scale 1). The decoding is shared with the run's
// preparations: a picture this run decoded for a PDF and still holds is
// not decoded again. The result is shared and must not be changed.
func (c *Cache) Pixels(im *doc.Image, side int) (img image.Image, scale float64, src *Source, err error) {
	src, err = c.Source(im)
	if err != nil {
		return nil, 0, nil, err
	}
	data, err := readFile(im)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("the file could not be read (%v)", err)
	}
	if sha256.Sum256(data) != src.sum {
		return nil, 0, nil, errors.New("the file changed while leafpress was reading it; run again")
	}
	// The reduction by k, below, starts in the decoding when k is a
	// multiple of 2, 4 or 8 and the file allows it: by the scale Prefetch
	// decodes at when it divides k (the decoding the documents' pictures
	// of the run most likely share), else by the largest that does.
	long := max(src.Width, src.Height)
	n := 1
	if side > 0 && src.scalable {
		k := max(1, long/side)
		for _, m := range []int{2, 4, 8} {
			if k%m == 0 {
				n = m
			}
		}
		if p := scaleForSide(src, prefetchSide); p > 1 && k%p == 0 {
			n = p
		}
	}
	dec, release, err := c.dec.get(src, data, n)
	if err != nil {
		return nil, 0, nil, err
	}
	defer release()
	decLong := max(dec.Bounds().Dx(), dec.Bounds().Dy()) // reduced by the decoding
	k := 1
	if side > 0 {
		k = max(1, decLong/side)
	}
	// A JPEG comes as NRGBA (converted once, reduced when large): a
	// backend reading its pixels often then reads bytes.
	if out, ok := reduce(dec, k); ok {
		return out, float64(max(out.Rect.Dx(), out.Rect.Dy())) / float64(long), src, nil
	}
	return dec, float64(decLong) / float64(long), src, nil
}
