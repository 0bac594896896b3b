//go:build ignore

// Genimages draws the sample site's pictures: chapter thumbnails (PNG and
// JPEG, 1200×800) and one large photo-like panorama (JPEG, 3600×2400).
// Every picture is drawn from code with fixed seeds, so running it again
// gives the same files. Run it from the samples directory:
//
//	go run genimages.go
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"

	"golang.org/x/image/vector"
)

const assets = "site/assets/img/program"

// canvas draws in coordinates where x and y run from 0 to 1 across the
// picture, so one scene can be drawn at any size.
type canvas struct {
	img  *image.RGBA
	w, h float32
}

func newCanvas(w, h int) *canvas {
	return &canvas{img: image.NewRGBA(image.Rect(0, 0, w, h)), w: float32(w), h: float32(h)}
}

type pt struct{ x, y float64 }

func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 255}
}

func alpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(a * 255)
	return c
}

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	t = math.Max(0, math.Min(1, t))
	l := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t + 0.5) }
	return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), l(a.A, b.A)}
}

// poly fills a closed polygon.
func (c *canvas) poly(col color.NRGBA, pts ...pt) {
	b := c.img.Bounds()
	r := vector.NewRasterizer(b.Dx(), b.Dy())
	r.MoveTo(float32(pts[0].x)*c.w, float32(pts[0].y)*c.h)
	for _, p := range pts[1:] {
		r.LineTo(float32(p.x)*c.w, float32(p.y)*c.h)
	}
	r.ClosePath()
	r.Draw(c.img, b, image.NewUniform(col), image.Point{})
}

func (c *canvas) rect(col color.NRGBA, x0, y0, x1, y1 float64) {
	c.poly(col, pt{x0, y0}, pt{x1, y0}, pt{x1, y1}, pt{x0, y1})
}

// ellipse fills an ellipse; ry is given in units of the picture's width so
// that circles stay round.
func (c *canvas) ellipse(col color.NRGBA, cx, cy, rx, ry float64) {
	ryh := ry * float64(c.w) / float64(c.h)
	const n = 120
	pts := make([]pt, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / n
		pts[i] = pt{cx + rx*math.Cos(a), cy + ryh*math.Sin(a)}
	}
	c.poly(col, pts...)
}

func (c *canvas) circle(col color.NRGBA, cx, cy, r float64) { c.ellipse(col, cx, cy, r, r) }

// vgrad paints a vertical gradient through the given stops over the band
// y0..y1.
func (c *canvas) vgrad(y0, y1 float64, stops ...color.NRGBA) {
	b := c.img.Bounds()
	py0, py1 := int(y0*float64(c.h)), int(y1*float64(c.h))
	for y := py0; y < py1 && y < b.Dy(); y++ {
		t := float64(y-py0) / float64(max(1, py1-py0-1)) * float64(len(stops)-1)
		i := min(int(t), len(stops)-2)
		col := mix(stops[i], stops[i+1], t-float64(i))
		draw.Draw(c.img, image.Rect(0, y, b.Dx(), y+1), image.NewUniform(col), image.Point{}, draw.Over)
	}
}

// ridge fills the land under a line of summed sine waves.
func (c *canvas) ridge(col color.NRGBA, base, amp float64, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	type wave struct{ f, p, a float64 }
	waves := make([]wave, 4)
	for i := range waves {
		waves[i] = wave{f: float64(i+1) * (1.5 + rng.Float64()*2), p: rng.Float64() * 6.3, a: 1 / float64(i+1)}
	}
	var pts []pt
	for i := 0; i <= 200; i++ {
		x := float64(i) / 200
		y := 0.0
		for _, w := range waves {
			y += w.a * math.Sin(x*w.f*math.Pi+w.p)
		}
		pts = append(pts, pt{x, base - amp*y/2})
	}
	pts = append(pts, pt{1, 1.01}, pt{0, 1.01})
	c.poly(col, pts...)
}

// house draws a house with a gable roof whose walls stand on ground.
func (c *canvas) house(wall, roof, win color.NRGBA, x, ground, w, h float64) {
	c.rect(wall, x, ground-h, x+w, ground)
	c.poly(roof, pt{x - w*0.08, ground - h}, pt{x + w/2, ground - h - w*0.45}, pt{x + w*1.08, ground - h})
	for i := 0; i < 2; i++ {
		wx := x + w*(0.18+0.42*float64(i))
		c.rect(win, wx, ground-h*0.75, wx+w*0.22, ground-h*0.45)
	}
}

// town draws a row of roofs and a church tower as a silhouette.
func (c *canvas) town(col color.NRGBA, ground float64, seed uint64, lit color.NRGBA) {
	rng := rand.New(rand.NewPCG(seed, 11))
	x := 0.0
	for x < 1 {
		w := 0.03 + rng.Float64()*0.05
		h := 0.04 + rng.Float64()*0.07
		c.rect(col, x, ground-h, x+w, ground+0.01)
		c.poly(col, pt{x, ground - h}, pt{x + w/2, ground - h - w*0.5}, pt{x + w, ground - h})
		if lit.A > 0 {
			for i := 0; i < 3; i++ {
				if rng.IntN(3) == 0 {
					wx := x + w*0.2 + float64(i)*w*0.25
					c.rect(lit, wx, ground-h*0.7, wx+w*0.1, ground-h*0.55)
				}
			}
		}
		x += w + rng.Float64()*0.01
	}
	// church tower with an onion-less spire, as in a Bohemian small town
	tx := 0.62
	c.rect(col, tx, ground-0.26, tx+0.035, ground)
	c.poly(col, pt{tx - 0.006, ground - 0.26}, pt{tx + 0.0175, ground - 0.36}, pt{tx + 0.041, ground - 0.26})
}

func (c *canvas) tree(trunk, crown color.NRGBA, x, ground, size float64) {
	c.rect(trunk, x-size*0.06, ground-size*0.5, x+size*0.06, ground)
	c.circle(crown, x, ground-size*0.75, size*0.32)
	c.circle(crown, x-size*0.18, ground-size*0.55, size*0.22)
	c.circle(crown, x+size*0.18, ground-size*0.57, size*0.24)
}

func (c *canvas) spruce(col color.NRGBA, x, ground, size float64) {
	for i := 0; i < 3; i++ {
		top := ground - size*(0.55+0.25*float64(i))
		half := size * (0.28 - 0.06*float64(i))
		c.poly(col, pt{x - half, top + size*0.35}, pt{x, top}, pt{x + half, top + size*0.35})
	}
}

// Scenes, one per picture.

func doprava(c *canvas) {
	c.vgrad(0, 0.62, rgb(0x7cc4ec), rgb(0xd9f0fb))
	c.circle(alpha(rgb(0xfff6c9), 0.9), 0.82, 0.16, 0.05)
	c.ridge(rgb(0x9cc58a), 0.55, 0.08, 1)
	c.town(rgb(0x6b7f8e), 0.6, 2, color.NRGBA{})
	c.ridge(rgb(0x79b064), 0.68, 0.04, 3)
	// road in perspective
	c.poly(rgb(0x55595f), pt{0.47, 0.6}, pt{0.53, 0.6}, pt{0.95, 1.01}, pt{0.05, 1.01})
	for i := 0; i < 7; i++ {
		t0 := float64(i) / 7
		t1 := t0 + 0.06
		y0, y1 := 0.6+0.41*t0*t0, 0.6+0.41*t1*t1
		hw0, hw1 := 0.002+0.01*t0*t0, 0.002+0.01*t1*t1
		c.poly(rgb(0xf2f2f2), pt{0.5 - hw0, y0}, pt{0.5 + hw0, y0}, pt{0.5 + hw1, y1}, pt{0.5 - hw1, y1})
	}
	// cycle path beside the road
	c.poly(rgb(0xc0503c), pt{0.545, 0.6}, pt{0.56, 0.6}, pt{1.01, 0.93}, pt{1.01, 0.99})
	// a bus
	c.rect(rgb(0xf2b705), 0.12, 0.66, 0.36, 0.8)
	c.rect(rgb(0x2c3e50), 0.14, 0.68, 0.34, 0.73)
	c.circle(rgb(0x222222), 0.17, 0.8, 0.022)
	c.circle(rgb(0x222222), 0.31, 0.8, 0.022)
	for _, x := range []float64{0.04, 0.42, 0.66, 0.88} {
		c.tree(rgb(0x6d4c35), rgb(0x3f8f4a), x, 0.7, 0.14)
	}
}

func bydleni(c *canvas) {
	c.vgrad(0, 0.75, rgb(0x2e2a5a), rgb(0xa4508b), rgb(0xf7a35c))
	c.circle(alpha(rgb(0xffe3a3), 0.85), 0.3, 0.58, 0.07)
	c.ridge(rgb(0x5a3d63), 0.66, 0.07, 5)
	c.rect(rgb(0x3a2c45), 0, 0.8, 1, 1.01)
	walls := []uint32{0xe8d8c3, 0xd4a373, 0xccd5ae, 0xe9c46a, 0xa8dadc, 0xf4a261}
	x := 0.03
	for i, wc := range walls {
		w := 0.13 + 0.02*float64(i%2)
		h := 0.16 + 0.05*float64((i*7)%3)
		c.house(rgb(wc), rgb(0x8c2f39), rgb(0xffd76e), x, 0.82, w, h)
		x += w + 0.03
	}
}

func skolstvi(c *canvas) {
	c.vgrad(0, 0.7, rgb(0x4aa3df), rgb(0xbfe3f7))
	c.circle(rgb(0xf4f9fc), 0.2, 0.15, 0.05)
	c.circle(rgb(0xf4f9fc), 0.25, 0.14, 0.06)
	c.circle(rgb(0xf4f9fc), 0.3, 0.16, 0.045)
	c.rect(rgb(0x6ab04c), 0, 0.7, 1, 1.01)
	// school building
	c.rect(rgb(0xf1e3c8), 0.25, 0.32, 0.85, 0.75)
	c.poly(rgb(0xb5533c), pt{0.23, 0.32}, pt{0.55, 0.2}, pt{0.87, 0.32})
	c.rect(rgb(0xe9d3ad), 0.49, 0.22, 0.61, 0.75)
	c.circle(rgb(0xffffff), 0.55, 0.33, 0.03)
	c.circle(rgb(0x333333), 0.55, 0.33, 0.004)
	c.poly(rgb(0x333333), pt{0.549, 0.33}, pt{0.551, 0.33}, pt{0.551, 0.29}, pt{0.549, 0.29})
	for row := 0; row < 3; row++ {
		for col := 0; col < 8; col++ {
			if col == 3 || col == 4 {
				continue
			}
			x := 0.275 + float64(col)*0.07
			y := 0.4 + float64(row)*0.11
			c.rect(rgb(0x5d8aa8), x, y, x+0.04, y+0.07)
		}
	}
	c.rect(rgb(0x7a4b2a), 0.525, 0.63, 0.575, 0.75)
	c.tree(rgb(0x6d4c35), rgb(0x2f7d32), 0.12, 0.78, 0.3)
	c.tree(rgb(0x6d4c35), rgb(0x43a047), 0.93, 0.8, 0.25)
	// a path of colourful pebbles: the children's playground
	for i := 0; i < 9; i++ {
		col := []uint32{0xe63946, 0xf4a261, 0x2a9d8f, 0x457b9d}[i%4]
		c.circle(rgb(col), 0.3+float64(i)*0.05, 0.88, 0.012)
	}
}

func radnice(c *canvas) {
	c.vgrad(0, 0.8, rgb(0x89c2d9), rgb(0xf1f7ed))
	c.rect(rgb(0xcfc4b0), 0, 0.8, 1, 1.01)
	for i := 0; i < 12; i++ { // paving
		c.rect(rgb(0xbdb29c), 0, 0.8+float64(i)*0.018, 1, 0.803+float64(i)*0.018)
	}
	c.rect(rgb(0xf6efe0), 0.2, 0.38, 0.8, 0.8)
	c.rect(rgb(0xf6efe0), 0.44, 0.1, 0.56, 0.4)
	c.poly(rgb(0x2f5d50), pt{0.43, 0.11}, pt{0.5, 0.01}, pt{0.57, 0.11})
	c.circle(rgb(0x1d3557), 0.5, 0.2, 0.035)
	c.circle(rgb(0xf1c453), 0.5, 0.2, 0.03)
	c.poly(rgb(0x8d5b4c), pt{0.18, 0.38}, pt{0.82, 0.38}, pt{0.78, 0.33}, pt{0.22, 0.33})
	for i := 0; i < 5; i++ { // arcade
		x := 0.25 + float64(i)*0.11
		c.rect(rgb(0x594a3c), x, 0.66, x+0.06, 0.8)
		c.ellipse(rgb(0x594a3c), x+0.03, 0.66, 0.03, 0.03)
		c.rect(rgb(0x4c7a9a), x, 0.45, x+0.06, 0.55)
	}
	// open doors: transparency
	c.rect(rgb(0xffd166), 0.47, 0.68, 0.53, 0.8)
	for _, x := range []float64{0.08, 0.92} {
		c.tree(rgb(0x5b4636), rgb(0x588157), x, 0.82, 0.3)
	}
}

func pece(c *canvas) {
	c.vgrad(0, 1.01, rgb(0xffe8d6), rgb(0xf8c8b8), rgb(0xddbea9))
	cols := []uint32{0xe76f51, 0xf4a261, 0x2a9d8f, 0x264653, 0xe9c46a}
	rng := rand.New(rand.NewPCG(17, 3))
	for i := 0; i < 14; i++ {
		col := alpha(rgb(cols[i%len(cols)]), 0.35+0.3*rng.Float64())
		c.circle(col, rng.Float64(), 0.1+rng.Float64()*0.8, 0.04+rng.Float64()*0.12)
	}
	// a heart in the middle
	var pts []pt
	for i := 0; i < 200; i++ {
		t := 2 * math.Pi * float64(i) / 200
		x := 16 * math.Pow(math.Sin(t), 3)
		y := 13*math.Cos(t) - 5*math.Cos(2*t) - 2*math.Cos(3*t) - math.Cos(4*t)
		pts = append(pts, pt{0.5 + x*0.012, 0.5 - y*0.018})
	}
	c.poly(rgb(0xc1121f), pts...)
}

func strategie(c *canvas) {
	c.vgrad(0, 1.01, rgb(0x0b3954), rgb(0x087e8b))
	for i := 0; i < 8; i++ {
		x := 0.1 + float64(i)*0.1
		h := 0.1 + 0.07*float64(i) + 0.03*math.Sin(float64(i)*1.7)
		c.rect(alpha(rgb(0xbfd7ea), 0.85), x, 0.85-h, x+0.06, 0.85)
	}
	c.poly(rgb(0xff5a5f), pt{0.08, 0.78}, pt{0.8, 0.22}, pt{0.77, 0.19}, pt{0.88, 0.15}, pt{0.85, 0.26}, pt{0.82, 0.24}, pt{0.1, 0.8})
	c.rect(alpha(rgb(0xffffff), 0.6), 0.05, 0.85, 0.95, 0.856)
}

func bezpecnost(c *canvas) {
	c.vgrad(0, 0.9, rgb(0x0d1b2a), rgb(0x1b263b), rgb(0x415a77))
	rng := rand.New(rand.NewPCG(23, 5))
	for i := 0; i < 80; i++ {
		c.circle(alpha(rgb(0xffffff), 0.5+rng.Float64()*0.5), rng.Float64(), rng.Float64()*0.5, 0.0015+rng.Float64()*0.002)
	}
	c.circle(rgb(0xf0ead2), 0.15, 0.15, 0.045)
	c.circle(rgb(0x13223a), 0.17, 0.14, 0.04)
	c.town(rgb(0x0b132b), 0.86, 29, rgb(0xffd166))
	c.rect(rgb(0x0b132b), 0, 0.86, 1, 1.01)
	// a shield
	c.poly(rgb(0x3a86ff), pt{0.42, 0.22}, pt{0.5, 0.18}, pt{0.58, 0.22}, pt{0.58, 0.4}, pt{0.5, 0.52}, pt{0.42, 0.4})
	c.poly(alpha(rgb(0xffffff), 0.9), pt{0.46, 0.34}, pt{0.48, 0.32}, pt{0.5, 0.36}, pt{0.55, 0.26}, pt{0.57, 0.28}, pt{0.5, 0.41})
}

// panorama is the landscape of the fictional town in the Sázava valley;
// at large sizes it gets noise so that it looks and compresses like a photo.
func panorama(c *canvas) {
	c.vgrad(0, 0.6, rgb(0x6e9fc9), rgb(0xc9dbe8), rgb(0xf3e3c3))
	c.circle(alpha(rgb(0xfff2c0), 0.7), 0.72, 0.3, 0.06)
	c.circle(alpha(rgb(0xfffbe6), 0.9), 0.72, 0.3, 0.035)
	c.ridge(rgb(0x8aa3b5), 0.42, 0.1, 41)
	c.ridge(rgb(0x6f8f7c), 0.5, 0.09, 42)
	c.ridge(rgb(0x4f7a4d), 0.58, 0.07, 43)
	c.town(rgb(0x8b6f5c), 0.63, 44, rgb(0xf2e6d0))
	c.ridge(rgb(0x3f6b3a), 0.68, 0.03, 45)
	// river Sázava
	var river []pt
	for i := 0; i <= 100; i++ {
		x := float64(i) / 100
		river = append(river, pt{x, 0.74 + 0.02*math.Sin(x*7)})
	}
	for i := 100; i >= 0; i-- {
		x := float64(i) / 100
		river = append(river, pt{x, 0.8 + 0.03*math.Sin(x*5+1)})
	}
	c.poly(rgb(0x5b8fa8), river...)
	c.ridge(rgb(0x35602f), 0.88, 0.05, 46)
	rng := rand.New(rand.NewPCG(47, 1))
	for i := 0; i < 40; i++ {
		x := rng.Float64()
		c.spruce(rgb(0x1f3d1c), x, 0.86+rng.Float64()*0.15, 0.08+rng.Float64()*0.08)
	}
}

// texture adds smooth value noise and fine grain, stronger towards the
// foreground, so that the picture looks like a photograph.
func texture(img *image.RGBA, seed uint64) {
	b := img.Bounds()
	const g = 64
	rng := rand.New(rand.NewPCG(seed, 99))
	lattice := make([]float64, (g+1)*(g+1))
	for i := range lattice {
		lattice[i] = rng.Float64()*2 - 1
	}
	smooth := func(t float64) float64 { return t * t * (3 - 2*t) }
	noise := func(x, y float64) float64 { // x, y in lattice units, wrapped
		xi, yi := int(x)%g, int(y)%g
		fx, fy := smooth(x-math.Floor(x)), smooth(y-math.Floor(y))
		at := func(i, j int) float64 { return lattice[(j%g)*(g+1)+i%g] }
		a := at(xi, yi)*(1-fx) + at(xi+1, yi)*fx
		d := at(xi, yi+1)*(1-fx) + at(xi+1, yi+1)*fx
		return a*(1-fy) + d*fy
	}
	w, h := float64(b.Dx()), float64(b.Dy())
	for y := 0; y < b.Dy(); y++ {
		depth := float64(y) / h
		strength := 10 + 30*depth*depth
		for x := 0; x < b.Dx(); x++ {
			u, v := float64(x)/w*8, float64(y)/h*8
			n := noise(u, v)*0.5 + noise(u*2.3, v*2.3)*0.3 + noise(u*5.1, v*5.1)*0.2
			delta := n*strength + (rng.Float64()*2-1)*3
			o := img.PixOffset(x, y)
			for k := 0; k < 3; k++ {
				img.Pix[o+k] = uint8(math.Max(0, math.Min(255, float64(img.Pix[o+k])+delta)))
			}
		}
	}
}

func save(img image.Image, name string, quality int) {
	path := filepath.Join(assets, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	var err error
	if quality > 0 {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img)
	}
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s %dx%d %d bytes\n", path, img.Bounds().Dx(), img.Bounds().Dy(), buf.Len())
}

func main() {
	thumbs := []struct {
		name    string
		draw    func(*canvas)
		quality int // 0: PNG
	}{
		{"2026/doprava.png", doprava, 0},
		{"2026/bydleni.jpg", bydleni, 88},
		{"2026/skolstvi.png", skolstvi, 0},
		{"2026/otevrena-radnice.jpg", radnice, 88},
		{"2026/socialni-pece.png", pece, 0},
		{"2026/strategie.png", strategie, 0},
		{"program2022-nahledy/bezpecnost.png", bezpecnost, 0},
	}
	for _, t := range thumbs {
		c := newCanvas(1200, 800)
		t.draw(c)
		save(c.img, t.name, t.quality)
	}
	big := newCanvas(3600, 2400)
	panorama(big)
	texture(big.img, 48)
	save(big.img, "2026/lipova-panorama.jpg", 82)
}
