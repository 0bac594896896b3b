//go:build ignore

// Contactsheet tiles page pictures into one PNG, for the README:
//
//	pdftoppm -r 40 -png out/2026-lipova/program.pdf /tmp/pages/p
//	go run docs/contactsheet.go -cols 5 -o docs/a5-booklet.png /tmp/pages/p-*.png
package main

import (
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"log"
	"os"
)

func main() {
	cols := flag.Int("cols", 5, "pages per row")
	out := flag.String("o", "contact.png", "output PNG")
	gap := flag.Int("gap", 12, "gap between pages, px")
	flag.Parse()
	var pages []image.Image
	for _, f := range flag.Args() {
		r, err := os.Open(f)
		if err != nil {
			log.Fatal(err)
		}
		img, err := png.Decode(r)
		r.Close()
		if err != nil {
			log.Fatalf("%s: %v", f, err)
		}
		pages = append(pages, img)
	}
	if len(pages) == 0 {
		log.Fatal("no pages given")
	}
	cw, ch := 0, 0
	for _, p := range pages {
		cw, ch = max(cw, p.Bounds().Dx()), max(ch, p.Bounds().Dy())
	}
	rows := (len(pages) + *cols - 1) / *cols
	sheet := image.NewRGBA(image.Rect(0, 0, *cols*(cw+*gap)+*gap, rows*(ch+*gap)+*gap))
	draw.Draw(sheet, sheet.Bounds(), &image.Uniform{color.RGBA{0x9a, 0x9a, 0x9a, 0xff}}, image.Point{}, draw.Src)
	for i, p := range pages {
		x := *gap + (i%*cols)*(cw+*gap)
		y := *gap + (i / *cols)*(ch+*gap)
		draw.Draw(sheet, p.Bounds().Sub(p.Bounds().Min).Add(image.Pt(x, y)), p, p.Bounds().Min, draw.Src)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, sheet); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
