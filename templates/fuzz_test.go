package templates

import (
	"errors"
	"math"
	"testing"
)

// FuzzParse feeds any bytes to Parse as a user's template. It must not
// panic; an error is a *Error naming the file; a template that passes has
// a finite, positive page of at most MaxPageSize and a positive column
// width.
func FuzzParse(f *testing.F) {
	f.Add([]byte("base: a5-booklet\nsizes: {body: 9.5}\n"))
	f.Add([]byte("base: dl-leaflet\npage: {width: 99, height: 210, columns: 1}\n"))
	f.Add([]byte("page:\n  width: .inf\n"))
	f.Add([]byte("colours:\n  brand: {rgb: \"#6A1B9A\", cmyk: [70, 100, 0, 0]}\n"))
	f.Add([]byte("base: a4-newspaper\npage:\n  margins: {top: 10, bottom: 10}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tp, err := Parse("mine.yaml", data)
		if err != nil {
			var te *Error
			if !errors.As(err, &te) || te.File != "mine.yaml" || te.Message == "" {
				t.Errorf("error %T %q does not name the template", err, err)
			}
			return
		}
		for _, x := range []float64{tp.Page.Width, tp.Page.Height} {
			if !(x > 0) || math.IsInf(x, 0) || x > MaxPageSize {
				t.Errorf("page %g × %g mm passed", tp.Page.Width, tp.Page.Height)
			}
		}
		if w := tp.ColumnWidth(); !(w > 0) || math.IsInf(w, 0) {
			t.Errorf("column width %g passed", w)
		}
	})
}
