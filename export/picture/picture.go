// Package picture prepares the pictures of a programme for every backend
// (screen and print PDF, Word, thumbnails): each file is read and decoded
// once per run, turned upright by its EXIF orientation, resampled once to
// the size a document asks for and encoded, and the result is kept, in
// memory for the run and on disk for the next run.
//
// # Preparing
//
// A backend works out, per document, the largest size any placement of a
// picture needs (the placements themselves are clipping rectangles and
// transforms of that one prepared picture, not cropped copies) and asks
// [Cache.Prepare] for it with [Options]. A picture is never enlarged: a
// size above the source's is the source's. When nothing has to change (a
// JPEG already upright, at the size asked, in a colour space the backend
// can use as it is), the file's own bytes are used: a PDF embeds them with
// DCTDecode and a Word file stores them, without decoding or encoding.
//
// Photographs (and any picture with many colours) are stored as JPEG;
// pictures with few flat colours (diagrams, logos, most GIFs) losslessly,
// as 8-bit samples compressed with Flate for a PDF ([Raw]) or as PNG for a
// file ([File]). Transparency is kept as a separate alpha channel or
// flattened onto white (Options.Flatten); Options.CMYK converts to
// DeviceCMYK without a colour profile.
//
// # Memory
//
// Decoded pictures are shared by every preparation of the same file and
// kept while the total of decoded pixels stays under a bound
// (Options of [New]); past it the least recently used are dropped and
// decoded again when needed. Decoding goes on in parallel up to that
// bound: a picture waits until its pixels fit.
//
// # The cache on disk
//
// [New] with a folder keeps each prepared picture there, named by a digest
// of the file's content and of the preparation, as Hugo keeps its
// processed images: a rebuild after a text correction decodes nothing. An
// entry that is corrupt, cut short or written by another program is
// ignored and written again. [DefaultDir] is the user's cache folder
// (os.UserCacheDir()/leafpress).
package picture

import (
	"bytes"
	"container/list"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // picture formats: JPEG, PNG, GIF
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sync"

	"github.com/disintegration/imaging"

	"leafpress/export/doc"
	"leafpress/export/exif"
	"leafpress/export/picture/jpegscale"
)

// Target says what the prepared data is for.
type Target int

const (
	// Raw is for a PDF image XObject: a JPEG (DCTDecode) or 8-bit samples
	// compressed with zlib (FlateDecode), with the alpha channel apart.
	Raw Target = iota
	// File is a picture file of its own (JPEG or PNG), as a Word file or
	// a web page stores it; transparency stays in the PNG.
	File
)

// Options say how to prepare a picture. The zero value stores the
// picture at its own size for a PDF.
type Options struct {
	Target Target
	// Width and Height are the pixels needed, upright; 0 means the
	// source's. The picture is never enlarged, and keeps its aspect: the
	// smaller of the two factors applies. When Slack is at least 2^(1/4),
	// a picture that has to be resampled is stored at the next size up of
	// the ladder 2^(-n/4) of its own size, so that sizes asked a little
	// apart share one preparation.
	Width, Height int
	// Flatten puts transparent pictures onto white (print PDFs).
	Flatten bool
	// CMYK stores colour pictures as DeviceCMYK (Raw only), converted
	// without a colour profile.
	CMYK bool
	// Quality is the JPEG quality of photographs, 1-100; 0 means 88.
	Quality int
	// Slack is how much larger than Width and Height a picture may be and
	// still be kept at its own size; below 1 means 1.1. Resampling by
	// little costs time and sharpness, and re-encoding a picture a little
	// smaller often gives a larger file than the original.
	Slack float64
}

func (o Options) quality() int {
	if o.Quality > 0 && o.Quality <= 100 {
		return o.Quality
	}
	return 88
}

// Prepared is a picture ready to be stored. It is shared and must not be
// changed.
type Prepared struct {
	// SourceWidth and SourceHeight are the file's size in pixels,
	// upright.
	SourceWidth, SourceHeight int
	// Width and Height are the pixels stored.
	Width, Height int
	// ColourSpace is DeviceRGB, DeviceGray or DeviceCMYK.
	ColourSpace string
	// Encoding is JPEG (Data is a JPEG file), Flate (Data is zlib
	// compressed samples, 8 bits per component) or PNG (Data is a PNG
	// file).
	Encoding string
	Data     []byte
	// Alpha is the zlib-compressed 8-bit alpha channel of a Raw picture
	// that keeps its transparency, else nil.
	Alpha []byte
	// Passthrough is true when Data is the file's own bytes (or, for a
	// PNG, its compressed image data).
	Passthrough bool
	// PNGPredictor is true when Data is a PNG file's compressed image
	// data: every row starts with its PNG filter byte (in a PDF,
	// /DecodeParms with /Predictor 15).
	PNGPredictor bool
}

// Source is what is known of a picture file without decoding it.
type Source struct {
	Width, Height int    // pixels, upright
	Format        string // jpeg, png or gif
	sum           [sha256.Size]byte
	orientation   int
	model         color.Model
	scalable      bool // a JPEG file jpegscale decodes at a reduced scale
}

// Sum is the SHA-256 of the file's content: what identifies the picture
// (a backend that keeps what it drew from it between runs keys it so).
func (s *Source) Sum() [sha256.Size]byte { return s.sum }

// Cache prepares pictures and keeps them for the run, and on disk when it
// has a folder. It is safe for concurrent use.
type Cache struct {
	dir string

	mu       sync.Mutex
	sources  map[string]*sourceEntry // by file path
	prepared map[prepKey]*prepEntry
	memBytes int // bytes of prepared data held

	dec *decoded
}

const (
	// DefaultDecodedPixels bounds the decoded pixels held in memory.
	DefaultDecodedPixels = 48 << 20
	// memLimit bounds the prepared bytes held in memory for the run;
	// past it, prepared pictures are still made but not kept.
	memLimit = 256 << 20
)

// New returns a cache keeping prepared pictures in dir ("" keeps them in
// memory only, for the run). maxPixels bounds the decoded pixels held at
// once; 0 means DefaultDecodedPixels.
func New(dir string, maxPixels int) *Cache {
	if maxPixels <= 0 {
		maxPixels = DefaultDecodedPixels
	}
	return &Cache{dir: dir, sources: map[string]*sourceEntry{}, prepared: map[prepKey]*prepEntry{}, dec: newDecoded(maxPixels)}
}

// DefaultDir returns the folder leafpress keeps prepared pictures in:
// leafpress in the user's cache folder.
func DefaultDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "leafpress"), nil
}

// Dir returns the cache's folder, "" when it has none.
func (c *Cache) Dir() string { return c.dir }

type sourceEntry struct {
	once sync.Once
	src  *Source
	err  error
}

// Source reads a picture file once per cache and returns its upright size
// and format, or an error saying why it cannot be used.
func (c *Cache) Source(im *doc.Image) (*Source, error) {
	if im == nil || im.Path == "" {
		if im != nil && im.Missing != "" {
			return nil, errors.New(im.Missing)
		}
		return nil, errors.New("the file was not found")
	}
	key := im.Path
	if im.FS != nil {
		key = fmt.Sprintf("%p:%s", im.FS, im.Path)
	}
	c.mu.Lock()
	e := c.sources[key]
	if e == nil {
		e = &sourceEntry{}
		c.sources[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.src, e.err = readSource(im) })
	return e.src, e.err
}

func readSource(im *doc.Image) (*Source, error) {
	data, err := readFile(im)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errors.New("the file was not found")
		}
		return nil, fmt.Errorf("the file could not be read (%v)", err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("the file is not a picture leafpress can read (%s)", sniff(data))
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, errors.New("the picture has no pixels")
	}
	if int64(cfg.Width)*int64(cfg.Height) > doc.MaxImagePixels {
		return nil, fmt.Errorf("the picture is too large (%d × %d pixels; scale it down to at most 5000 pixels on its longer side)", cfg.Width, cfg.Height)
	}
	if format == "jpeg" && jpegCut(data) {
		return nil, errors.New("the file is cut short: its picture data never ends, as when a file is copied or downloaded only in part")
	}
	s := &Source{Width: cfg.Width, Height: cfg.Height, Format: format, sum: sha256.Sum256(data), orientation: 1, model: cfg.ColorModel}
	if format == "jpeg" {
		s.orientation = exif.Orientation(data)
		s.scalable = jpegscale.Scaled(data)
		if exif.Swapped(s.orientation) {
			s.Width, s.Height = s.Height, s.Width
		}
	}
	return s, nil
}

// Digest returns the SHA-256 of the file's content, in hex.
func (s *Source) Digest() string { return hex.EncodeToString(s.sum[:]) }

// readFile returns a picture file's bytes, read into one buffer of the
// file's size when it is known (io.ReadAll grows its buffer a dozen times
// for a large photograph).
func readFile(im *doc.Image) ([]byte, error) {
	r, err := im.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 && fi.Size() < 1<<30 {
			b := make([]byte, fi.Size(), fi.Size()+1)
			n, err := io.ReadFull(r, b)
			if err == io.ErrUnexpectedEOF { // shorter than when it was looked at
				return b[:n], nil
			}
			if err != nil {
				return nil, err
			}
			// The file may have grown since Stat.
			rest, err := io.ReadAll(r)
			return append(b, rest...), err
		}
	}
	return io.ReadAll(r)
}

// reread reads im's file again (a run keeps what it prepared and
// decoded, not the files) and checks that it still holds the content src
// was read from.
func reread(im *doc.Image, src *Source) ([]byte, error) {
	data, err := readFile(im)
	if err != nil {
		return nil, fmt.Errorf("the file could not be read (%v)", err)
	}
	if sha256.Sum256(data) != src.sum {
		return nil, errors.New("the file changed while leafpress was reading it; run again")
	}
	return data, nil
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

// prepKey names one preparation of one file's content. The reduced
// decoding it is made from (scaleFor) follows from the content and the
// size, so it needs no place of its own.
type prepKey struct {
	sum  [sha256.Size]byte
	opts Options
}

// scaleFor returns how much src is reduced as it is decoded when at
// least w×h pixels (upright) are needed: the largest of 1/2, 1/4 and 1/8
// that leaves that many, as a denominator, or 1 for a full decoding (a
// picture that is not a JPEG jpegscale decodes, or not large enough).
// It depends on the source and the size alone, so that a preparation is
// made the same way whatever else the run decodes.
func scaleFor(src *Source, w, h int) int {
	n := 1
	if !src.scalable {
		return n
	}
	for _, m := range []int{2, 4, 8} {
		if (src.Width+m-1)/m >= w && (src.Height+m-1)/m >= h {
			n = m
		}
	}
	return n
}

type prepEntry struct {
	once sync.Once
	p    *Prepared
	err  error
}

// defaultSlack is Options.Slack when none is given.
const defaultSlack = 1.1

// size returns the pixels to store for a source of w×h: o's size, never
// larger than the source (nor smaller by less than o.Slack), with the
// source's aspect.
func (o Options) size(w, h int) (int, int) {
	if o.Width <= 0 && o.Height <= 0 {
		return w, h
	}
	f := 1.0
	if o.Width > 0 {
		f = math.Min(f, float64(o.Width)/float64(w))
	}
	if o.Height > 0 {
		f = math.Min(f, float64(o.Height)/float64(h))
	}
	slack := o.Slack
	if slack < 1 {
		slack = defaultSlack
	}
	if f*slack >= 1 {
		return w, h
	}
	if slack >= ladderStep {
		f = rung(f)
	}
	return max(1, int(math.Round(float64(w)*f))), max(1, int(math.Round(float64(h)*f)))
}

// ladderStep is the step between the sizes a picture is resampled to
// when the caller accepts a picture that much larger than asked (Slack).
var ladderStep = math.Pow(2, 0.25)

// rung rounds a scale factor f (below 1) up to the next of the ladder
// 2^(-n/4): placements of one picture asking for sizes a little apart (a
// chapter opener in a leaflet and in the programme) then share one
// preparation, at most one step (19 %) larger than asked.
func rung(f float64) float64 {
	n := math.Floor(-4*math.Log2(f) + 1e-9)
	return math.Pow(2, -n/4)
}

// scaleForSide is scaleFor for a long side of at least side pixels.
func scaleForSide(src *Source, side int) int {
	if src.Width >= src.Height {
		return scaleFor(src, min(side, src.Width), 0)
	}
	return scaleFor(src, 0, min(side, src.Height))
}

// Prepare returns im prepared as o says: from memory when this run
// prepared it already, else from the disk cache, else made (and stored in
// both).
func (c *Cache) Prepare(im *doc.Image, o Options) (*Prepared, error) {
	src, err := c.Source(im)
	if err != nil {
		return nil, err
	}
	// Normalise the options so that equal results share one key.
	o.Width, o.Height = o.size(src.Width, src.Height)
	o.Slack = 0
	o.Quality = o.quality()
	if o.Target == File {
		o.CMYK = false
	}
	k := prepKey{src.sum, o}
	c.mu.Lock()
	e := c.prepared[k]
	if e == nil {
		e = &prepEntry{}
		c.prepared[k] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		e.p, e.err = c.load(k)
		if e.p == nil && e.err == nil {
			e.p, e.err = c.make(im, src, o)
			if e.err == nil {
				c.store(k, e.p)
			}
		}
		c.mu.Lock()
		if e.p != nil {
			c.memBytes += len(e.p.Data) + len(e.p.Alpha)
		}
		if c.memBytes > memLimit {
			// Over the bound: the next document prepares it again (from
			// disk when there is a cache folder).
			delete(c.prepared, k)
			c.memBytes -= len(e.p.Data) + len(e.p.Alpha)
		}
		c.mu.Unlock()
	})
	return e.p, e.err
}

// prefetchPixels is the size from which Prefetch decodes a picture ahead:
// a photograph larger than about 1,700 × 1,150 pixels is more than any
// screen page needs at 200 ppi, so it will be resampled, and decoding it
// is the longest part of that.
const prefetchPixels = 2 << 20

// prefetchSide is the long side Prefetch decodes a picture to, at least:
// a JPEG is decoded ahead at the smallest scale that keeps this many
// pixels, which is what the screen pages (200 ppi), Word files and A5
// print pages (300 ppi) of the built-in templates ask of a photograph.
// When a placement asks for more, Prepare decodes the picture again at
// that scale.
const prefetchSide = 1600

// Prefetch starts decoding, in the background, the large pictures among
// ims that no earlier run has prepared (none is in the cache folder), so
// that the decoding overlaps with laying out the documents that place
// them. The decoded pictures wait in memory (within the bound of decoded
// pixels) for Prepare.
func (c *Cache) Prefetch(ims []*doc.Image) {
	go func() {
		for _, im := range ims {
			src, err := c.Source(im)
			if err != nil || src.Width*src.Height < prefetchPixels || c.seen(src) {
				continue
			}
			data, err := reread(im, src)
			if err != nil {
				continue
			}
			if _, release, err := c.dec.get(src, data, scaleForSide(src, prefetchSide)); err == nil {
				release()
			}
		}
	}()
}

// make prepares one picture, reading its file again: a run keeps the
// prepared pictures, not the files.
func (c *Cache) make(im *doc.Image, src *Source, o Options) (*Prepared, error) {
	data, err := reread(im, src)
	if err != nil {
		return nil, err
	}
	w, h := o.Width, o.Height
	p := &Prepared{SourceWidth: src.Width, SourceHeight: src.Height, Width: w, Height: h}
	same := w == src.Width && h == src.Height
	// The file itself, when nothing has to change.
	if same && src.orientation == 1 {
		switch {
		case src.Format == "jpeg" && (src.model == color.YCbCrModel || src.model == color.GrayModel) && !(o.CMYK && src.model != color.GrayModel):
			p.Encoding, p.Data, p.Passthrough = "JPEG", data, true
			p.ColourSpace = "DeviceRGB"
			if src.model == color.GrayModel {
				p.ColourSpace = "DeviceGray"
			}
			return p, nil
		case src.Format == "png" && o.Target == File:
			p.Encoding, p.Data, p.Passthrough, p.ColourSpace = "PNG", data, true, "DeviceRGB"
			return p, nil
		case src.Format == "png" && o.Target == Raw && !o.CMYK:
			if idat, cs, ok := pngData(data); ok {
				p.Encoding, p.Data, p.Passthrough, p.PNGPredictor, p.ColourSpace = "Flate", idat, true, true, cs
				return p, nil
			}
		}
	}
	scale := 1
	if !same {
		scale = scaleFor(src, w, h)
	}
	img, release, err := c.dec.get(src, data, scale)
	if err != nil {
		return nil, err
	}
	defer release()
	k := classify(img, src.Format)
	dw, dh := img.Bounds().Dx(), img.Bounds().Dy() // decoded, maybe reduced
	if k.photo && !(o.Target == Raw && o.CMYK && !k.gray) {
		// Stored as JPEG: from the decoded planes to the encoder, never
		// converted to RGB and back.
		enc, ok := img, reducible(img)
		if ok && (w != dw || h != dh) {
			enc, ok = resamplePlanes(img, w, h)
		}
		if ok {
			var buf bytes.Buffer
			if err := jpeg.Encode(&buf, enc, &jpeg.Options{Quality: o.quality()}); err != nil {
				return nil, err
			}
			p.Encoding, p.ColourSpace, p.Data = "JPEG", "DeviceRGB", buf.Bytes()
			if _, grey := enc.(*image.Gray); grey && o.Target == Raw {
				p.ColourSpace = "DeviceGray"
			}
			return p, nil
		}
	}
	var out *image.NRGBA
	if w == dw && h == dh {
		if r, ok := reduce(img, 1); ok { // a decoded JPEG: converted in bands
			out = r
		} else {
			out = imaging.Clone(img)
		}
	} else {
		// Catmull-Rom: as sharp as Lanczos to the eye when shrinking
		// photographs, at two thirds of the work.
		filter := imaging.CatmullRom
		if k.flat {
			filter = imaging.Box // keeps flat colours flat
		} else if reducible(img) {
			out = resampleReduced(img, reduction(dw, dh, w, h), w, h)
		}
		if out == nil {
			out = imaging.Resize(img, w, h, filter)
		}
	}
	if o.Target == File {
		return encodeFile(p, out, k, o)
	}
	keepAlpha := k.alpha && !o.Flatten
	if k.alpha {
		if keepAlpha {
			p.Alpha = flate(channel(out, 3))
		}
		out = onWhite(out)
	}
	switch {
	case o.CMYK && !k.gray:
		// Lossless even for photographs: Go's JPEG encoder writes no CMYK.
		p.ColourSpace, p.Encoding = "DeviceCMYK", "Flate"
		p.Data = flate(cmykBytes(out))
	case k.flat || keepAlpha:
		p.Encoding = "Flate"
		if k.gray {
			p.ColourSpace, p.Data = "DeviceGray", flate(channel(out, 0))
		} else {
			p.ColourSpace, p.Data = "DeviceRGB", flate(rgbBytes(out))
		}
	default:
		p.Encoding, p.ColourSpace = "JPEG", "DeviceRGB"
		var enc image.Image = opaque(out)
		if k.gray {
			enc, p.ColourSpace = grey(out), "DeviceGray"
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, enc, &jpeg.Options{Quality: o.quality()}); err != nil {
			return nil, err
		}
		p.Data = buf.Bytes()
	}
	return p, nil
}

// pngData returns the compressed image data of a PNG file that a PDF can
// use as it is: 8-bit grey or RGB, not interlaced, without transparency
// or a palette; ok is false for any other.
func pngData(b []byte) (idat []byte, colourSpace string, ok bool) {
	if len(b) < 8 || string(b[:8]) != "\x89PNG\r\n\x1a\n" {
		return nil, "", false
	}
	b = b[8:]
	for len(b) >= 12 {
		n := int(binary.BigEndian.Uint32(b))
		typ := string(b[4:8])
		if n < 0 || 12+n > len(b) {
			return nil, "", false
		}
		body := b[8 : 8+n]
		switch typ {
		case "IHDR":
			if n < 13 || body[8] != 8 || body[12] != 0 {
				return nil, "", false // not 8 bits, or interlaced
			}
			switch body[9] {
			case 0:
				colourSpace = "DeviceGray"
			case 2:
				colourSpace = "DeviceRGB"
			default:
				return nil, "", false // palette or alpha channel
			}
		case "tRNS":
			return nil, "", false
		case "IDAT":
			idat = append(idat, body...)
		case "IEND":
			return idat, colourSpace, colourSpace != "" && len(idat) > 0
		}
		b = b[12+n:]
	}
	return nil, "", false
}

// opaque returns an opaque NRGBA picture as an RGBA one sharing its
// pixels (they are equal when every alpha is 255), which the JPEG encoder
// converts to YCbCr several times faster.
func opaque(img *image.NRGBA) *image.RGBA {
	return &image.RGBA{Pix: img.Pix, Stride: img.Stride, Rect: img.Rect}
}

// encodeFile stores a picture as a file of its own: JPEG for photographs
// from JPEG files, PNG for everything else.
func encodeFile(p *Prepared, img *image.NRGBA, k kind, o Options) (*Prepared, error) {
	var buf bytes.Buffer
	p.ColourSpace = "DeviceRGB"
	if k.photo && !k.alpha {
		p.Encoding = "JPEG"
		if err := jpeg.Encode(&buf, opaque(img), &jpeg.Options{Quality: o.quality()}); err != nil {
			return nil, err
		}
	} else {
		p.Encoding = "PNG"
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&buf, img); err != nil {
			return nil, err
		}
	}
	p.Data = buf.Bytes()
	return p, nil
}

// kind says how a source is stored.
type kind struct {
	gray  bool // no colour: stored as DeviceGray
	alpha bool // has transparent pixels
	flat  bool // few colours: stored losslessly
	photo bool // a JPEG file
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
		k.photo = true
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

// decoded holds decoded pictures, least recently used first out, while
// their pixels stay under a bound; decoding waits while the pictures in
// use leave no room.
type decoded struct {
	mu      sync.Mutex
	cond    *sync.Cond
	limit   int
	pixels  int // held, in use or not
	entries map[decKey]*decEntry
	lru     *list.List // of *decEntry not in use, oldest at the front

	decodes int // files decoded, for tests
	peak    int // most pixels held at once, for tests
}

// decKey names a decoding: a file's content at a scale (a denominator).
type decKey struct {
	sum   [sha256.Size]byte
	scale int
}

type decEntry struct {
	key     decKey
	img     image.Image
	err     error
	loadErr bool // err is load's, not the decoding's
	pixels  int
	users   int
	ready   bool
	elem    *list.Element
}

func newDecoded(limit int) *decoded {
	d := &decoded{limit: limit, entries: map[decKey]*decEntry{}, lru: list.New()}
	d.cond = sync.NewCond(&d.mu)
	return d
}

// get returns src decoded at a scale of 1/scale (see scaleFor) and
// upright; call release when done with it.
func (d *decoded) get(src *Source, data []byte, scale int) (image.Image, func(), error) {
	return d.entry(src, func() ([]byte, error) { return data, nil }, scale, false)
}

// entry is get with load giving the file's content, asked for only when
// it has to be decoded. kept says the caller will hold the decoding
// itself after releasing it (Pixels' caller, for the run): when this call
// decodes it, its pixels are then held outside the Go heap (outsideHeap).
func (d *decoded) entry(src *Source, load func() ([]byte, error), scale int, kept bool) (image.Image, func(), error) {
	key := decKey{src.sum, scale}
	px := ((src.Width + scale - 1) / scale) * ((src.Height + scale - 1) / scale)
	d.mu.Lock()
	for {
		e := d.entries[key]
		if e != nil {
			for !e.ready {
				d.cond.Wait()
			}
			if e.loadErr {
				// The content could not be had by the one decoding it
				// (Pixels reads the file again): this caller's own load
				// may give it, so it decodes anew (the entry is gone).
				continue
			}
			if e.err != nil {
				d.mu.Unlock()
				return nil, nil, e.err
			}
			if d.entries[key] == e { // not dropped meanwhile
				if e.users == 0 && e.elem != nil {
					d.lru.Remove(e.elem)
					e.elem = nil
				}
				e.users++
				d.mu.Unlock()
				return e.img, d.releaser(e), nil
			}
			continue
		}
		// Make room: drop unused pictures, oldest first; wait while the
		// pictures in use fill the bound (a picture larger than the bound
		// on its own waits until nothing else is held).
		for d.pixels+px > d.limit && d.lru.Len() > 0 {
			old := d.lru.Remove(d.lru.Front()).(*decEntry)
			old.elem = nil
			delete(d.entries, old.key)
			d.pixels -= old.pixels
		}
		if d.pixels+px > d.limit && d.pixels > 0 {
			d.cond.Wait()
			continue
		}
		e = &decEntry{key: key, pixels: px, users: 1}
		d.entries[key] = e
		d.pixels += px
		d.decodes++
		d.peak = max(d.peak, d.pixels)
		d.mu.Unlock()
		data, loadErr := load()
		err := loadErr
		var img image.Image
		if err == nil {
			img, err = decode(src, data, scale)
		}
		if err == nil && kept {
			img = outsideHeap(img)
		}
		d.mu.Lock()
		e.img, e.err, e.loadErr, e.ready = img, err, loadErr != nil, true
		if err != nil {
			delete(d.entries, key)
			d.pixels -= px
		} else if b := img.Bounds(); b.Dx()*b.Dy() > px {
			// jpegscale left the file to image/jpeg, which decoded it
			// whole: what is held is counted.
			e.pixels = b.Dx() * b.Dy()
			d.pixels += e.pixels - px
			d.peak = max(d.peak, d.pixels)
		}
		d.cond.Broadcast()
		d.mu.Unlock()
		if err != nil {
			return nil, nil, err
		}
		return img, d.releaser(e), nil
	}
}

func (d *decoded) releaser(e *decEntry) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			d.mu.Lock()
			e.users--
			if e.users == 0 && d.entries[e.key] == e {
				e.elem = d.lru.PushBack(e)
			}
			d.cond.Broadcast()
			d.mu.Unlock()
		})
	}
}

// decode decodes src, a JPEG at a scale of 1/scale when scale > 1.
func decode(src *Source, data []byte, scale int) (image.Image, error) {
	var img image.Image
	var err error
	if scale > 1 && src.Format == "jpeg" {
		img, err = jpegscale.Decode(data, scale)
	} else {
		img, _, err = image.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("the %s file is damaged (%v)", src.Format, err)
	}
	return exif.Upright(img, src.orientation), nil
}
