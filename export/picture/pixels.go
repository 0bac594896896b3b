package picture

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"github.com/disintegration/imaging"
	"github.com/klauspost/compress/zlib"

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

// cmykBytes converts img as RGBToCMYK does, in integers, over bands of
// rows in parallel: with K = 255 - max(R, G, B) = 255 - top, C is
// (top - R)·255 / top rounded (exact halves up), read from a table.
func cmykBytes(img *image.NRGBA) []byte {
	tab := cmykTable()
	out := make([]byte, len(img.Pix))
	w, h := img.Rect.Dx(), img.Rect.Dy()
	bands(h, func(from, to int) {
		for y := from; y < to; y++ {
			in := img.Pix[y*img.Stride : y*img.Stride+4*w]
			o := out[y*4*w : (y+1)*4*w]
			for i := 0; i+3 < len(in); i += 4 {
				p := in[i : i+3 : i+3]
				r, g, b := p[0], p[1], p[2]
				top := max(r, g, b)
				t := tab[top][:]
				q := o[i : i+4 : i+4]
				q[0], q[1], q[2], q[3] = t[top-r], t[top-g], t[top-b], 255-top
			}
		}
	})
	return out
}

// cmykTable returns, for each top (the largest of R, G, B) and each x ≤
// top, x·255/top rounded; for top 0 (black) every entry is 0.
var cmykTable = sync.OnceValue(func() *[256][256]uint8 {
	var t [256][256]uint8
	for top := 1; top < 256; top++ {
		for x := 0; x <= top; x++ {
			t[top][x] = uint8((x*255 + top/2) / top)
		}
	}
	return &t
})

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

// flateLevel is the deflate level of github.com/klauspost/compress for
// pictures stored losslessly: on the samples' panorama as a print
// picture (1430×953 CMYK), 8 % larger than compress/flate's default level
// in an eighth of its time (which was most of the time print PDFs took).
const flateLevel = 6

func flate(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, flateLevel)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// Pixels returns im decoded and upright, for a backend that draws
// pictures itself, and the scale of the result to the upright source. A
// picture whose long side is at least twice side (side > 0) is shrunk by
// averaging whole blocks of k×k pixels, k the largest that keeps its long
// side at least side, so scale is about 1/k (for a JPEG, a factor 2, 4
// or 8 of k done while decoding, by jpegscale, when the file allows). A
// JPEG comes as planes (see Planar): its decoding itself, or a 4:2:0
// *image.YCbCr (a *image.Gray) of its blocks; one whose planes are laid
// out otherwise, or that was turned upright, as NRGBA. Any other picture
// comes as decoded, or averaged by blocks as NRGBA. The decoding is
// shared with the run's preparations: a picture this run decoded for a
// PDF and still holds is not decoded again. The result is shared and
// must not be changed. A picture given whole that Pixels decodes holds
// its pixels outside the Go heap (outsideHeap), given back when the
// image is unreachable: hold the image, not only its pixels, while
// reading them.
func (c *Cache) Pixels(im *doc.Image, side int) (img image.Image, scale float64, src *Source, err error) {
	src, err = c.Source(im)
	if err != nil {
		return nil, 0, nil, err
	}
	// The reduction by k, below, starts in the decoding when the file
	// allows it: at the scale Prefetch decodes at when that leaves side
	// pixels (the decoding the documents' pictures of the run most likely
	// share), else at the smallest of 1/2, 1/4 and 1/8 that does. A
	// camera's photograph is never decoded whole for a thumbnail.
	long := max(src.Width, src.Height)
	n := 1
	if side > 0 && src.scalable {
		for _, m := range []int{2, 4, 8} {
			if long/m >= side {
				n = m
			}
		}
		if p := scaleForSide(src, prefetchSide); p > 1 && long/p >= side {
			n = p
		}
	}
	// The file is read again only when its decoding is not held. A
	// picture given whole (not reduced by blocks below) is held by the
	// caller.
	whole := n == 1 && (side <= 0 || long < 2*side)
	dec, release, err := c.dec.entry(src, func() ([]byte, error) { return reread(im, src) }, n, whole)
	if err != nil {
		return nil, 0, nil, err
	}
	defer release()
	decLong := max(dec.Bounds().Dx(), dec.Bounds().Dy()) // reduced by the decoding
	k := 1
	if side > 0 {
		k = max(1, decLong/side)
	}
	// A JPEG comes as planes, never converted here: at its decoded size
	// as its decoding, shared with the documents' preparations; reduced
	// by blocks as a 4:2:0 picture (a third of NRGBA's bytes). A backend
	// converts only the pixels it draws. Planes laid out otherwise are
	// converted to NRGBA.
	if Planar(dec) {
		if k > 1 {
			out, _ := reducePlanes(dec, k)
			b := out.Bounds()
			return out, float64(max(b.Dx(), b.Dy())) / float64(long), src, nil
		}
	} else if out, ok := reduce(dec, k); ok {
		return out, float64(max(out.Rect.Dx(), out.Rect.Dy())) / float64(long), src, nil
	}
	if k > 1 {
		// Any other picture twice the side or more (a large PNG
		// drawing) is averaged by blocks too, transparency weighting the
		// colours: a backend holds and reads a picture of about side
		// pixels, not the decoding.
		b := dec.Bounds()
		out := imaging.Resize(dec, (b.Dx()+k-1)/k, (b.Dy()+k-1)/k, imaging.Box)
		return out, float64(max(out.Rect.Dx(), out.Rect.Dy())) / float64(long), src, nil
	}
	return dec, float64(decLong) / float64(long), src, nil
}

// Planar reports whether img is a decoded JPEG as Pixels gives it
// undecoded to RGB: a *image.YCbCr of 4:4:4, 4:2:2, 4:2:0 or 4:4:0
// subsampling, or a *image.Gray, starting at 0, 0.
func Planar(img image.Image) bool {
	switch p := img.(type) {
	case *image.Gray:
		return p.Rect.Min == image.Point{}
	case *image.YCbCr:
		switch p.SubsampleRatio {
		case image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440:
			return p.Rect.Min == image.Point{}
		}
	}
	return false
}
