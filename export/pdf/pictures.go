package pdf

import (
	"fmt"
	"math"
	"runtime"
	"sync"

	"leafpress/export/pdf/object"
	"leafpress/export/picture"
	"leafpress/layout"
)

// defaultPictures prepares pictures for writers given no cache: in memory
// only, shared by the documents of the process.
var defaultPictures = picture.New("", 0)

// picFile is one picture file as a document uses it: prepared once, at
// the largest size any of its placements needs, and written as one image
// XObject however many frames show it.
type picFile struct {
	src  *picture.Source
	pic  *picture.Prepared
	why  string     // why it cannot be used, "" when it can
	ref  object.Ref // its XObject, once written
	name string     // its resource name, once written
}

// pictures prepares the pictures of a document and keeps the document's
// own state: which file is which XObject, in the order first drawn.
type pictures struct {
	opt   Options
	w     *object.Writer
	cache *picture.Cache
	files map[string]*picFile // by path
	refs  []object.Ref        // XObjects written, in order of first use
	srgb  object.Ref          // the sRGB profile of RGB pictures in print, once written
}

func newPictures(w *object.Writer, opt Options) *pictures {
	c := opt.Pictures
	if c == nil {
		c = defaultPictures
	}
	return &pictures{opt: opt, w: w, cache: c, files: map[string]*picFile{}}
}

// prepare works out, for every picture file placed on the sheets, the
// largest resolution its placements need (at most Options.MaxPPI at the
// placed size, never more than the file has), and prepares each file once
// at that size; files are prepared in parallel.
func (ps *pictures) prepare(sheets []Sheet) {
	need := map[string]*picture.Options{}
	boxes := map[string]*layout.ImageBox{}
	var order []string
	for _, b := range placedBoxes(sheets) {
		ib, ok := b.(*layout.ImageBox)
		if !ok || ib.Image == nil || ib.Image.Path == "" || ib.W <= 0 || ib.H <= 0 {
			continue
		}
		path := ib.Image.Path
		f := ps.files[path]
		if f == nil {
			f = &picFile{}
			ps.files[path] = f
			src, err := ps.cache.Source(ib.Image)
			if err != nil {
				f.why = err.Error()
				continue
			}
			f.src = src
			need[path] = &picture.Options{Target: picture.Raw, Width: 1, Height: 1, Flatten: ps.opt.Print,
				CMYK: ps.opt.Print && ps.opt.PictureCMYK, Quality: ps.opt.JPEGQuality, Slack: ps.opt.slack()}
			boxes[path] = ib
			order = append(order, path)
		}
		if f.src == nil {
			continue
		}
		// The factor this frame needs: MaxPPI at its size, for both
		// directions of the part shown.
		cr := ib.Shown(f.src.Width, f.src.Height)
		maxW := ib.W / 72 * ps.opt.maxPPI()
		maxH := ib.H / 72 * ps.opt.maxPPI()
		s := math.Min(1, math.Min(maxW/cr.W, maxH/cr.H))
		o := need[path]
		o.Width = max(o.Width, int(math.Ceil(float64(f.src.Width)*s-0.01)))
		o.Height = max(o.Height, int(math.Ceil(float64(f.src.Height)*s-0.01)))
	}
	jobs := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range min(runtime.GOMAXPROCS(0), len(order)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				p, err := ps.cache.Prepare(boxes[path].Image, *need[path])
				mu.Lock()
				if err != nil {
					ps.files[path].why = err.Error()
				} else {
					ps.files[path].pic = p
				}
				mu.Unlock()
			}
		}()
	}
	for _, p := range order {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
}

// get returns the prepared picture file of b, written as an XObject on
// first use, or nil and why there is none.
func (ps *pictures) get(b *layout.ImageBox) (f *picFile, why string) {
	if b.Image == nil {
		return nil, "the frame has no picture"
	}
	if b.Image.Path == "" {
		if b.Image.Missing != "" {
			return nil, b.Image.Missing
		}
		return nil, "the file was not found"
	}
	f = ps.files[b.Image.Path]
	switch {
	case f == nil:
		return nil, "the picture could not be prepared"
	case f.why != "":
		return nil, f.why
	case f.pic == nil:
		return nil, "the picture could not be prepared"
	}
	if f.ref == 0 {
		f.ref = ps.write(f.pic)
		ps.refs = append(ps.refs, f.ref)
		f.name = resName(len(ps.refs))
	}
	return f, ""
}

// resName is the resource name of the n-th picture used (1-based).
func resName(n int) string { return fmt.Sprintf("LP%d", n) }

// colourSpace returns the colour space of a picture stored in cs. In a
// print PDF, RGB is sRGB with its ICC profile (PDF/X-4 allows RGB only
// with a profile); the profile is written once per document.
func (ps *pictures) colourSpace(cs string) any {
	if !ps.opt.Print || cs != "DeviceRGB" {
		return object.Name(cs)
	}
	if ps.srgb == 0 {
		ps.srgb = ps.w.Add(object.Stream{Dict: object.Dict{"N": 3, "Alternate": object.Name("DeviceRGB"), "Filter": object.Name("FlateDecode")}, Data: srgbProfile()})
	}
	return object.Array{object.Name("ICCBased"), ps.srgb}
}

// write writes p as an image XObject (with its soft mask) and returns its
// reference.
func (ps *pictures) write(p *picture.Prepared) object.Ref {
	d := object.Dict{
		"Type":             object.Name("XObject"),
		"Subtype":          object.Name("Image"),
		"Width":            p.Width,
		"Height":           p.Height,
		"ColorSpace":       ps.colourSpace(p.ColourSpace),
		"BitsPerComponent": 8,
		"Filter":           object.Name("FlateDecode"),
	}
	if p.Encoding == "JPEG" {
		d["Filter"] = object.Name("DCTDecode")
	}
	if p.PNGPredictor {
		colours := 3
		if p.ColourSpace == "DeviceGray" {
			colours = 1
		}
		d["DecodeParms"] = object.Dict{"Predictor": 15, "Colors": colours, "BitsPerComponent": 8, "Columns": p.Width}
	}
	if p.Alpha != nil {
		d["SMask"] = ps.w.Add(object.Stream{Dict: object.Dict{
			"Type": object.Name("XObject"), "Subtype": object.Name("Image"), "Width": p.Width, "Height": p.Height,
			"ColorSpace": object.Name("DeviceGray"), "BitsPerComponent": 8, "Filter": object.Name("FlateDecode"),
		}, Data: p.Alpha})
	}
	return ps.w.Add(object.Stream{Dict: d, Data: p.Data})
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
