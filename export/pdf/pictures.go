package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/gif" // picture formats
	"image/jpeg"
	_ "image/png"
	"io/fs"
	"math"
	"runtime"
	"sync"

	"github.com/disintegration/imaging"

	"leafpress/export/exif"
	"leafpress/export/icc"
	"leafpress/export/pdf/object"
	"leafpress/layout"
)

// picKey identifies one stored picture: a source file, the part of it
// used and the size of the frame it fills.
type picKey struct {
	path string
	crop layout.Rect
	w, h float64
}

// picture is a picture ready to be written as an image XObject. It is
// not changed once made: the documents of a run share it through
// preparedCache.
type picture struct {
	srcW, srcH   int // upright source size
	cropW, cropH int // pixels of the source used
	w, h         int // pixels stored
	cs           string
	encoding     string // "JPEG" or "Flate"
	data         []byte
	smask        []byte // Flate-compressed grey alpha, or nil
}

// pictures decodes and prepares every picture of a document, each source
// file once, and keeps the document's own state: which frames use which
// prepared picture, and the order they are first drawn in, which names
// their XObjects.
type pictures struct {
	opt    Options
	w      *object.Writer
	byKey  map[picKey]*picture
	failed map[string]string // path → why it could not be used
	order  map[picKey]int    // 1-based order of first use
	refs   []object.Ref      // image XObjects written, in order of first use
	srgb   object.Ref        // the sRGB profile of RGB pictures in print, once written
}

func newPictures(w *object.Writer, opt Options) *pictures {
	return &pictures{opt: opt, w: w, byKey: map[picKey]*picture{}, failed: map[string]string{}, order: map[picKey]int{}}
}

func keyOf(b *layout.ImageBox) picKey {
	return picKey{path: b.Image.Path, crop: b.Crop, w: b.W, h: b.H}
}

// prepare decodes and resamples every picture placed on the sheets. Work
// is grouped by source file, so each file is decoded once and released
// when its placements are done; files are handled in parallel.
func (ps *pictures) prepare(sheets []Sheet) {
	groups := map[string][]*layout.ImageBox{}
	var order []string
	seen := map[picKey]bool{}
	for _, b := range placedBoxes(sheets) {
		ib, ok := b.(*layout.ImageBox)
		if !ok || ib.Image == nil || ib.Image.Path == "" || ib.W <= 0 || ib.H <= 0 {
			continue
		}
		k := keyOf(ib)
		if seen[k] {
			continue
		}
		seen[k] = true
		if groups[k.path] == nil {
			order = append(order, k.path)
		}
		groups[k.path] = append(groups[k.path], ib)
	}
	type result struct {
		path string
		pics []*picture
		err  error
	}
	jobs := make(chan string)
	results := make(chan result)
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(order))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				pics, err := ps.prepareFile(groups[path])
				results <- result{path, pics, err}
			}
		}()
	}
	go func() {
		for _, p := range order {
			jobs <- p
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	for r := range results {
		if r.err != nil {
			ps.failed[r.path] = r.err.Error()
			continue
		}
		for i, b := range groups[r.path] {
			ps.byKey[keyOf(b)] = r.pics[i]
		}
	}
}

// get returns the prepared picture for b and its resource name, or nil
// and why there is none.
func (ps *pictures) get(b *layout.ImageBox) (p *picture, name, why string) {
	if b.Image == nil {
		return nil, "", "the frame has no picture"
	}
	if b.Image.Path == "" {
		if b.Image.Missing != "" {
			return nil, "", b.Image.Missing
		}
		return nil, "", "the file was not found"
	}
	if why, ok := ps.failed[b.Image.Path]; ok {
		return nil, "", why
	}
	k := keyOf(b)
	p = ps.byKey[k]
	if p == nil {
		return nil, "", "the picture could not be prepared"
	}
	n := ps.order[k]
	if n == 0 {
		ps.refs = append(ps.refs, ps.write(p))
		n = len(ps.refs)
		ps.order[k] = n
	}
	return p, resName(n), ""
}

// resName is the resource name of the n-th picture used (1-based).
func resName(n int) string { return fmt.Sprintf("LP%d", n) }

// prepareFile decodes one source file and makes every placement of it,
// in the order of boxes.
func (ps *pictures) prepareFile(boxes []*layout.ImageBox) ([]*picture, error) {
	im := boxes[0].Image
	data, err := im.ReadAll()
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errors.New("the file was not found")
		}
		return nil, fmt.Errorf("the file could not be read (%v)", err)
	}
	// A picture prepared for the same frame by an earlier document of
	// this run (program.pdf, then program-print.pdf, then the chapters')
	// is taken from the cache instead of being decoded again.
	sum := sha256.Sum256(data)
	out := make([]*picture, len(boxes))
	missing := 0
	for i, b := range boxes {
		if out[i] = preparedCache.get(ps.cacheKey(sum, b)); out[i] == nil {
			missing++
		}
	}
	if missing == 0 {
		return out, nil
	}
	_, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("the file is not a picture leafpress can read (%s)", sniff(data))
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("the %s file is damaged (%v)", format, err)
	}
	// Upright as the layout measured it for its crop.
	src = exif.Upright(src, exif.Orientation(data))
	kind := classify(src, format)
	for i, b := range boxes {
		if out[i] == nil {
			out[i] = ps.make(src, kind, b)
			preparedCache.put(ps.cacheKey(sum, b), out[i])
		}
	}
	return out, nil
}

// prepKey identifies a prepared picture across documents: the file's
// content, the frame, and the options that shape the stored pixels.
type prepKey struct {
	sum         [32]byte
	crop        layout.Rect
	w, h        float64
	print, cmyk bool
	ppi         float64
	quality     int
}

func (ps *pictures) cacheKey(sum [32]byte, b *layout.ImageBox) prepKey {
	return prepKey{sum: sum, crop: b.Crop, w: b.W, h: b.H, print: ps.opt.Print, cmyk: ps.opt.PictureCMYK,
		ppi: ps.opt.maxPPI(), quality: ps.opt.jpegQuality()}
}

// pictureCache holds prepared pictures for the whole process, up to a
// limit of stored bytes; it is safe for concurrent use.
type pictureCache struct {
	mu    sync.Mutex
	m     map[prepKey]*picture
	size  int
	limit int
}

var preparedCache = &pictureCache{m: map[prepKey]*picture{}, limit: 192 << 20}

// get returns the cached picture, or nil.
func (c *pictureCache) get(k prepKey) *picture {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

// put stores p unless the cache is full.
func (c *pictureCache) put(k prepKey, p *picture) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := len(p.data) + len(p.smask)
	if _, ok := c.m[k]; ok || c.size+n > c.limit {
		return
	}
	c.m[k] = p
	c.size += n
}

// sniff names a file format leafpress does not read, for a message.
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF")):
		return "it is a PDF"
	case bytes.Contains(b[:min(len(b), 256)], []byte("<svg")):
		return "it is an SVG drawing"
	case len(b) > 12 && string(b[4:8]) == "ftyp":
		return "it is a HEIC/AVIF photo"
	case len(b) == 0:
		return "it is empty"
	}
	return "unknown format"
}

// kind says how a source is stored.
type kind struct {
	gray  bool // no colour: stored as DeviceGray
	alpha bool // has transparent pixels
	flat  bool // few colours: stored losslessly
}

// classify looks at a decoded source once.
func classify(img image.Image, format string) kind {
	var k kind
	switch img.(type) {
	case *image.Gray, *image.Gray16:
		k.gray = true
	}
	if o, ok := img.(interface{ Opaque() bool }); ok {
		k.alpha = !o.Opaque()
	}
	if format == "jpeg" {
		return k
	}
	if _, ok := img.(*image.Paletted); ok {
		k.flat = true
		return k
	}
	// Count colours on a sample grid; few colours means a drawing.
	b := img.Bounds()
	step := max(1, int(math.Sqrt(float64(b.Dx()*b.Dy())/40000)))
	colours := map[color.RGBA]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += step {
		for x := b.Min.X; x < b.Max.X; x += step {
			r, g, bl, a := img.At(x, y).RGBA()
			colours[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}] = true
			if len(colours) > 256 {
				return k
			}
		}
	}
	k.flat = true
	return k
}

// cropRect returns the part of a w×h source used for a frame: the
// layout's crop, clamped to the picture, or when none is given the
// largest centred part with the frame's aspect.
func cropRect(c layout.Rect, w, h int, frameW, frameH float64) image.Rectangle {
	if c.W > 0 && c.H > 0 {
		r := image.Rect(int(math.Round(c.X)), int(math.Round(c.Y)), int(math.Round(c.X+c.W)), int(math.Round(c.Y+c.H)))
		r = r.Intersect(image.Rect(0, 0, w, h))
		if !r.Empty() {
			return r
		}
	}
	aspect := frameW / frameH
	cw, ch := float64(w), float64(h)
	if cw/ch > aspect {
		cw = ch * aspect
	} else {
		ch = cw / aspect
	}
	iw, ih := max(1, int(math.Round(cw))), max(1, int(math.Round(ch)))
	x, y := (w-iw)/2, (h-ih)/2
	return image.Rect(x, y, x+iw, y+ih)
}

// make crops, resamples and encodes one placement of src.
func (ps *pictures) make(src image.Image, k kind, b *layout.ImageBox) *picture {
	sb := src.Bounds()
	cr := cropRect(b.Crop, sb.Dx(), sb.Dy(), b.W, b.H).Add(sb.Min)
	p := &picture{srcW: sb.Dx(), srcH: sb.Dy(), cropW: cr.Dx(), cropH: cr.Dy()}

	// At most MaxPPI at the placed size, never upsampled, one factor for
	// both directions.
	maxW := b.W / 72 * ps.opt.maxPPI()
	maxH := b.H / 72 * ps.opt.maxPPI()
	f := math.Min(1, math.Min(maxW/float64(cr.Dx()), maxH/float64(cr.Dy())))
	w := max(1, int(math.Ceil(float64(cr.Dx())*f-0.01)))
	h := max(1, int(math.Ceil(float64(cr.Dy())*f-0.01)))
	var img *image.NRGBA
	if w == cr.Dx() && h == cr.Dy() {
		img = imaging.Crop(src, cr)
	} else {
		filter := imaging.Lanczos
		if k.flat {
			filter = imaging.Box // keeps flat colours flat
		}
		img = imaging.Resize(imaging.Crop(src, cr), w, h, filter)
	}
	p.w, p.h = w, h

	keepAlpha := k.alpha && !ps.opt.Print
	if k.alpha {
		if keepAlpha {
			p.smask = flate(channel(img, 3))
		}
		img = onWhite(img)
	}
	cmyk := ps.opt.Print && ps.opt.PictureCMYK && !k.gray
	switch {
	case cmyk:
		// Lossless even for photographs: Go's JPEG encoder writes no CMYK.
		p.cs, p.encoding = "DeviceCMYK", "Flate"
		p.data = flate(cmykBytes(img))
	case k.flat || keepAlpha:
		p.encoding = "Flate"
		if k.gray {
			p.cs, p.data = "DeviceGray", flate(channel(img, 0))
		} else {
			p.cs, p.data = "DeviceRGB", flate(rgbBytes(img))
		}
	default:
		p.encoding = "JPEG"
		var buf bytes.Buffer
		var out image.Image = img
		p.cs = "DeviceRGB"
		if k.gray {
			g := image.NewGray(img.Bounds())
			draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
			out, p.cs = g, "DeviceGray"
		}
		// Encoding an in-memory image cannot fail.
		_ = jpeg.Encode(&buf, out, &jpeg.Options{Quality: ps.opt.jpegQuality()})
		p.data = buf.Bytes()
	}
	return p
}

// onWhite flattens img's transparency onto white.
func onWhite(img *image.NRGBA) *image.NRGBA {
	out := imaging.New(img.Bounds().Dx(), img.Bounds().Dy(), color.White)
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Over)
	return out
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
		c, m, y, k := rgbToCMYK(img.Pix[i], img.Pix[i+1], img.Pix[i+2])
		out = append(out, byte(math.Round(c*255)), byte(math.Round(m*255)), byte(math.Round(y*255)), byte(math.Round(k*255)))
	}
	return out
}

func flate(b []byte) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// colourSpace returns the colour space of a picture stored in cs. In a
// print PDF, RGB is sRGB with its ICC profile (PDF/X-4 allows RGB only
// with a profile); the profile is written once per document.
func (ps *pictures) colourSpace(cs string) any {
	if !ps.opt.Print || cs != "DeviceRGB" {
		return object.Name(cs)
	}
	if ps.srgb == 0 {
		ps.srgb = ps.w.Add(object.Stream{Dict: object.Dict{"N": 3, "Alternate": object.Name("DeviceRGB")}, Data: icc.SRGB(), Compress: true})
	}
	return object.Array{object.Name("ICCBased"), ps.srgb}
}

// write writes p as an image XObject (with its soft mask) and returns
// its reference.
func (ps *pictures) write(p *picture) object.Ref {
	d := object.Dict{
		"Type":             object.Name("XObject"),
		"Subtype":          object.Name("Image"),
		"Width":            p.w,
		"Height":           p.h,
		"ColorSpace":       ps.colourSpace(p.cs),
		"BitsPerComponent": 8,
		"Filter":           object.Name("FlateDecode"),
	}
	if p.encoding == "JPEG" {
		d["Filter"] = object.Name("DCTDecode")
	}
	if p.smask != nil {
		d["SMask"] = ps.w.Add(object.Stream{Dict: object.Dict{
			"Type": object.Name("XObject"), "Subtype": object.Name("Image"), "Width": p.w, "Height": p.h,
			"ColorSpace": object.Name("DeviceGray"), "BitsPerComponent": 8, "Filter": object.Name("FlateDecode"),
		}, Data: p.smask})
	}
	return ps.w.Add(object.Stream{Dict: d, Data: p.data})
}

// resources returns the XObject resource dictionary of the pictures
// written.
func (ps *pictures) resources() object.Dict {
	d := object.Dict{}
	for i, r := range ps.refs {
		d[resName(i+1)] = r
	}
	return d
}
