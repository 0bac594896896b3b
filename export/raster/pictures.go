package raster

import (
	"bytes"
	"image"
	"image/draw"
	_ "image/gif" // the picture formats export/source accepts
	_ "image/jpeg"
	_ "image/png"
	"math"
	"runtime"

	"github.com/disintegration/imaging"

	"leafpress/export/exif"
	"leafpress/export/picture"
	"leafpress/layout"
)

// maxSide bounds the long side of a decoded picture kept in the cache:
// enough for a share picture's frame (630 px high) cut from a 3:2
// photograph (945 × 630), which is then reduced, never enlarged, and for
// a thumbnail's; far less memory than a camera's photograph.
const maxSide = 960

// source is one decoded picture, upright and at most maxSide pixels on
// its long side; scale is its size over the original's.
type source struct {
	img    image.Image
	scale  float64
	w, h   int        // the original's upright size, for the layout's crop
	opaque *opaquePic // when img holds opaque RGBA or NRGBA bytes, or a JPEG's planes
	err    error
}

// pictureCache decodes each picture file once, from the file or from a
// picture prepared by export/picture, and keeps the pictures resampled
// or reduced to the frames they were drawn in; all are bounded in bytes.
type pictureCache struct {
	prep      *picture.Cache // nil: decode the files here
	sources   *lru[picKey, *source]
	resampled *lru[resKey, image.Image]
	frames    *frameStore // opaque pictures reduced into pages
}

type picKey struct {
	path  string
	embed bool
}

// resKey is a part of a picture (in the kept picture's pixels) resampled
// to a frame's size.
type resKey struct {
	pic  picKey
	part image.Rectangle
	w, h int
}

// Bounds on the pictures kept: sources are at most maxSide pixels on their
// long side (3.7 MB each at most, RGBA), frames are a thumbnail's or a share
// picture's.
const (
	sourceBytes    = 64 << 20
	resampledBytes = 32 << 20
)

func newPictureCache(prep *picture.Cache) *pictureCache {
	return &pictureCache{prep: prep, sources: newLRU[picKey, *source](sourceBytes), resampled: newLRU[resKey, image.Image](resampledBytes),
		frames: newFrameStore()}
}

// get returns the decoded picture of b; its err is set when the picture
// cannot be drawn.
func (pc *pictureCache) get(b *layout.ImageBox) *source {
	k := picKey{path: b.Image.Path, embed: b.Image.FS != nil}
	return pc.sources.get(k, func() (*source, int) {
		var s source
		if pc.prep != nil {
			s = prepared(pc.prep, b)
		} else {
			s = decode(b)
		}
		size := 0
		if s.img != nil {
			b := s.img.Bounds()
			size = 4 * b.Dx() * b.Dy()
			if o, ok := opaqueBytes(s.img); ok {
				s.opaque = &opaquePic{pix: o.Pix, stride: o.Stride, w: b.Dx(), h: b.Dy()}
			} else if picture.Planar(s.img) {
				// A JPEG's decoding, shared with the documents'
				// preparations: converted only where it is drawn.
				s.opaque = planarPic(s.img)
				size /= 2
			}
		}
		return &s, size
	})
}

func decode(b *layout.ImageBox) source {
	data, err := b.Image.ReadAll()
	if err != nil {
		return source{err: err}
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return source{err: err}
	}
	img = exif.Upright(img, exif.Orientation(data))
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	s := source{img: img, scale: 1, w: w, h: h}
	if long := max(w, h); long > maxSide {
		s.scale = float64(maxSide) / float64(long)
		s.img = imaging.Resize(img, max(1, int(math.Round(float64(w)*s.scale))), max(1, int(math.Round(float64(h)*s.scale))), imaging.Linear)
	}
	return s
}

// prepared takes b's picture decoded from export/picture's cache, which
// shares the decoding with the run's PDFs; a large photograph comes
// reduced by whole blocks to about maxSide pixels on its long side or
// more, never decoded again nor resampled to an intermediate size.
func prepared(c *picture.Cache, b *layout.ImageBox) source {
	img, scale, src, err := c.Pixels(b.Image, maxSide)
	if err != nil {
		return source{err: err}
	}
	// The picture is upright; the layout's crop is in the upright
	// source's pixels.
	return source{img: img, scale: scale, w: src.Width, h: src.Height}
}

// image draws a picture into its frame, or the placeholder when it is
// missing or cannot be read.
func (c *canvas) image(b *layout.ImageBox) {
	if b.Image == nil || b.Image.Path == "" {
		c.placeholder(b)
		return
	}
	src := c.r.pics.get(b)
	if src.err != nil {
		c.placeholder(b)
		return
	}
	frame := image.Rect(int(math.Round(b.X*c.sx)), int(math.Round(b.Y*c.sy)), int(math.Round((b.X+b.W)*c.sx)), int(math.Round((b.Y+b.H)*c.sy)))
	if frame.Empty() {
		return
	}
	cr := pixels(b.Shown(src.w, src.h))
	// The crop in the kept (possibly smaller) picture's pixels.
	sc := image.Rect(int(math.Round(float64(cr.Min.X)*src.scale)), int(math.Round(float64(cr.Min.Y)*src.scale)),
		int(math.Round(float64(cr.Max.X)*src.scale)), int(math.Round(float64(cr.Max.Y)*src.scale)))
	sc = sc.Add(src.img.Bounds().Min).Intersect(src.img.Bounds())
	if sc.Empty() {
		c.placeholder(b)
		return
	}
	k := resKey{pic: picKey{path: b.Image.Path, embed: b.Image.FS != nil}, part: sc, w: frame.Dx(), h: frame.Dy()}
	if src.opaque != nil && frame.Dx() <= sc.Dx() && frame.Dy() <= sc.Dy() {
		// Drawn smaller (every picture of a thumbnail): reduced straight
		// into the page, only where the frame is on it, or copied from
		// the same frame reduced before.
		vis := frame.Intersect(c.img.Rect)
		if vis.Empty() {
			return
		}
		c.r.pics.frames.draw(c.img, vis, frameKey{k, vis.Sub(frame.Min)}, func() {
			src.opaque.reduce(c.img, frame, sc.Sub(src.img.Bounds().Min))
		})
		// The picture's pixels may be outside the Go heap, given back
		// once src is unreachable (picture.Pixels): held until read.
		runtime.KeepAlive(src)
		return
	}
	pic := c.r.pics.resampled.get(k, func() (image.Image, int) {
		return resample(src.img, sc, frame.Dx(), frame.Dy()), 4 * frame.Dx() * frame.Dy()
	})
	runtime.KeepAlive(src)
	op := draw.Over
	if _, ok := pic.(*image.RGBA); ok {
		op = draw.Src // opaque: its rows are copied as they are
	}
	draw.Draw(c.img, frame, pic, image.Point{}, op)
}

// resample returns the part sc of img resampled to w × h, as an
// *image.RGBA when opaque: the pictures opaquePic's area reduction does
// not take, a frame larger than its part, or a picture with transparency
// (which may be drawn smaller: the block shrink below).
func resample(img image.Image, sc image.Rectangle, w, h int) image.Image {
	if picture.Planar(img) {
		// A JPEG's planes: the part converted to RGB, which the
		// resamplers below take as bytes.
		part := image.NewRGBA(sc)
		draw.Draw(part, sc, img, sc.Min, draw.Src)
		img = part
	}
	in := crop(img, sc)
	// A part twice the frame or more is first shrunk by whole blocks
	// (a fraction of the work of a filter that wide), leaving the
	// filter a reduction between 1 and 2.
	f := min(float64(sc.Dx())/float64(w), float64(sc.Dy())/float64(h))
	if n := int(f); n >= 2 {
		if s, ok := shrink(img, sc, n); ok {
			in = s
		}
	}
	if o, ok := opaqueBytes(in); ok {
		out := picture.ResampleOpaque(o, w, h)
		return &image.RGBA{Pix: out.Pix, Stride: out.Stride, Rect: out.Rect}
	}
	filter := imaging.Linear
	if in.Bounds().Dx() > 2*w {
		filter = imaging.Box // averages many source pixels, as a viewer does
	}
	return opaqueView(imaging.Resize(in, w, h, filter))
}

// shrink averages blocks of n×n pixels of the part r of img, colours
// weighted by their alpha, into a picture of ⌈w/n⌉×⌈h/n⌉ (blocks at the
// right and bottom edges average the pixels they have); ok is false
// unless img holds RGBA or NRGBA bytes (a decoded PNG, a JPEG from
// export/picture).
func shrink(img image.Image, r image.Rectangle, n int) (out *image.NRGBA, ok bool) {
	var pix []uint8
	var stride int
	premultiplied := false
	switch s := img.(type) {
	case *image.RGBA:
		pix, stride, premultiplied = s.Pix[s.PixOffset(r.Min.X, r.Min.Y):], s.Stride, true
	case *image.NRGBA:
		pix, stride = s.Pix[s.PixOffset(r.Min.X, r.Min.Y):], s.Stride
	default:
		return nil, false
	}
	w, h := r.Dx(), r.Dy()
	ow, oh := (w+n-1)/n, (h+n-1)/n
	out = image.NewNRGBA(image.Rect(0, 0, ow, oh))
	acc := make([]uint32, 5*ow) // per block: red, green, blue (by alpha), alpha, pixels
	for oy := range oh {
		clear(acc)
		for y := oy * n; y < min(h, oy*n+n); y++ {
			row := pix[y*stride : y*stride+4*w]
			for x := range w {
				p := row[4*x : 4*x+4 : 4*x+4]
				a := acc[5*(x/n) : 5*(x/n)+5 : 5*(x/n)+5]
				al := uint32(p[3])
				if premultiplied {
					a[0] += uint32(p[0])
					a[1] += uint32(p[1])
					a[2] += uint32(p[2])
				} else {
					a[0] += uint32(p[0]) * al
					a[1] += uint32(p[1]) * al
					a[2] += uint32(p[2]) * al
				}
				a[3] += al
				a[4]++
			}
		}
		row := out.Pix[oy*out.Stride : oy*out.Stride+4*ow]
		for x := range ow {
			a, o := acc[5*x:5*x+5:5*x+5], row[4*x:4*x+4:4*x+4]
			if a[3] == 0 {
				continue // transparent: stays zero
			}
			if premultiplied {
				// Premultiplied sums over the alpha's sum, back to 0-255.
				a[0], a[1], a[2] = a[0]*255, a[1]*255, a[2]*255
			}
			sum := a[3]
			o[0] = uint8(min(255, (a[0]+sum/2)/sum))
			o[1] = uint8(min(255, (a[1]+sum/2)/sum))
			o[2] = uint8(min(255, (a[2]+sum/2)/sum))
			o[3] = uint8((a[3] + a[4]/2) / a[4])
		}
	}
	return out, true
}

// opaqueBytes returns img as NRGBA sharing its pixels when it holds RGBA
// or NRGBA bytes and every pixel is opaque (then the two hold the same
// bytes).
func opaqueBytes(img image.Image) (*image.NRGBA, bool) {
	pix, stride, ok := rgbaBytes(img)
	if !ok {
		return nil, false
	}
	r := img.Bounds()
	for y := range r.Dy() {
		row := pix[y*stride : y*stride+4*r.Dx()]
		for i := 3; i < len(row); i += 4 {
			if row[i] != 255 {
				return nil, false
			}
		}
	}
	return &image.NRGBA{Pix: pix, Stride: stride, Rect: r}, true
}

// rgbaBytes returns the pixels of img and the distance between its rows
// when it holds RGBA or NRGBA bytes (four a pixel, its bounds' top left
// first).
func rgbaBytes(img image.Image) (pix []uint8, stride int, ok bool) {
	switch s := img.(type) {
	case *image.RGBA:
		return s.Pix, s.Stride, true
	case *image.NRGBA:
		return s.Pix, s.Stride, true
	}
	return nil, 0, false
}

// opaqueView returns img as an *image.RGBA sharing its pixels when every
// pixel is opaque (then the two hold the same bytes), which is drawn by
// copying rows instead of blending each pixel; else img itself.
func opaqueView(img *image.NRGBA) image.Image {
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] != 255 {
			return img
		}
	}
	return &image.RGBA{Pix: img.Pix, Stride: img.Stride, Rect: img.Rect}
}

// crop returns the part r of img, without copying its pixels when the
// picture can give a view of them.
func crop(img image.Image, r image.Rectangle) image.Image {
	if s, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	return imaging.Crop(img, r)
}

// pixels rounds a rectangle in source pixels to whole pixels.
func pixels(r layout.Rect) image.Rectangle {
	return image.Rect(int(math.Round(r.X)), int(math.Round(r.Y)), int(math.Round(r.X+r.W)), int(math.Round(r.Y+r.H)))
}

// placeholder draws a missing picture as the PDF writer does: the frame
// in the placeholder colour with hills and a sun in a tint of it.
func (c *canvas) placeholder(b *layout.ImageBox) {
	col := b.Placeholder
	if col == (layout.Colour{}) {
		col = layout.Colour{R: 221, G: 221, B: 221}
	}
	c.fill(rgb(col), roundRect(b.Rect, 0))
	t := rgb(tint(col))
	s := 0.4 * math.Min(b.W, b.H)
	x0, y0 := b.X+(b.W-s)/2, b.Y+(b.H-s)/2
	at := func(u, v float64) pt { return pt{x0 + u*s, y0 + v*s} }
	c.fill(t, append(append(polygon(at(0, 0.95), at(0.42, 0.35), at(0.84, 0.95)),
		polygon(at(0.5, 0.95), at(0.74, 0.58), at(1, 0.95))...),
		circle(x0+0.78*s, y0+0.2*s, 0.12*s)...))
}

// tint returns a colour that stands out gently from c, as the PDF
// writer's placeholder uses.
func tint(c layout.Colour) layout.Colour {
	lum := (0.3*float64(c.R) + 0.59*float64(c.G) + 0.11*float64(c.B)) / 255
	if lum < 0.6 {
		mix := func(v uint8) uint8 { return uint8(float64(v) + (255-float64(v))*0.35) }
		return layout.Colour{R: mix(c.R), G: mix(c.G), B: mix(c.B)}
	}
	dark := func(v uint8) uint8 { return uint8(float64(v) * 0.82) }
	return layout.Colour{R: dark(c.R), G: dark(c.G), B: dark(c.B)}
}
