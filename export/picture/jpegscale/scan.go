package jpegscale

import (
	"image"
	"math"
)

// unzig maps a coefficient's zig-zag index to its place in the 8×8 block
// (row·8 + column), T.81 Figure A.6.
var unzig = [64]int8{
	0, 1, 8, 16, 9, 2, 3, 10,
	17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34,
	27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36,
	29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46,
	53, 60, 61, 54, 47, 55, 62, 63,
}

// folding says, for a scale of 1/n, where each of the 8 frequencies of
// one direction goes among the N = 8/n of the reduced block, and by what
// factor: the 8-point inverse DCT (A.3.3) sums C(u)/2·F(u)·cos((2x+1)uπ/16);
// the mean of that cosine over the n samples x of output sample X is
// a(u)·cos((2X+1)uπ/2N), with a(u) the mean of cos((2j-n+1)uπ/16) over
// j < n; and cos((2X+1)uπ/2N) is ±cos((2X+1)u'π/2N) for one u' < N, or 0.
// to is -1 for a frequency that adds nothing.
func folding(n int) (to [8]int, factor [8]float64) {
	nn := 8 / n
	basis := func(u int) []float64 {
		c := make([]float64, nn)
		for x := range c {
			c[x] = math.Cos(float64((2*x+1)*u) * math.Pi / float64(2*nn))
		}
		return c
	}
	for u := range 8 {
		to[u] = -1
		var a float64
		for j := range n {
			a += math.Cos(float64((2*j-n+1)*u) * math.Pi / 16)
		}
		a /= float64(n)
		cu := 0.5
		if u == 0 {
			cu = 0.5 / math.Sqrt2
		}
		if math.Abs(a) < 1e-9 {
			continue
		}
		bu := basis(u)
		for v := range nn {
			bv := basis(v)
			for _, sign := range []float64{1, -1} {
				same := true
				for x := range nn {
					if math.Abs(bu[x]-sign*bv[x]) > 1e-9 {
						same = false
						break
					}
				}
				if same && to[u] < 0 {
					to[u], factor[u] = v, sign*a*cu
				}
			}
		}
	}
	return to, factor
}

// setWeights works out, for component c at scale 1/n, where each
// coefficient (zig-zag order) adds among the N×N terms of the reduced
// block and by how much, dequantisation included.
func (d *decoder) setWeights(c *component) {
	to, f := folding(d.n)
	q := &d.quant[c.tq]
	for k := range 64 {
		z := int(unzig[k])
		v, u := z/8, z%8
		c.fold[k] = -1
		if to[u] < 0 || to[v] < 0 {
			continue
		}
		c.fold[k] = int8(to[v]*d.nn + to[u])
		c.weight[k] = float32(float64(q[k]) * f[u] * f[v])
	}
}

// scan decodes the entropy-coded data of the frame's one scan (F.2.2,
// Annex E for the order of blocks) into planes at the reduced scale.
func (d *decoder) scan() error {
	nn := 8 / d.n
	d.nn = nn
	hmax, vmax := d.comp[0].h, d.comp[0].v
	mcusX := (d.width + 8*hmax - 1) / (8 * hmax)
	mcusY := (d.height + 8*vmax - 1) / (8 * vmax)
	for i := range d.ncomp {
		c := &d.comp[i]
		c.stride = mcusX * c.h * nn
		c.pix = make([]byte, c.stride*mcusY*c.v*nn)
		d.setWeights(c)
	}
	br := &bitReader{data: d.data, pos: d.pos}
	var g [16]float32
	rst := 0
	for my := range mcusY {
		for mx := range mcusX {
			if d.restart > 0 && (my*mcusX+mx) > 0 && (my*mcusX+mx)%d.restart == 0 {
				if !br.reset(rst) {
					return errFallback
				}
				rst = (rst + 1) & 7
				for i := range d.ncomp {
					d.comp[i].pred = 0
				}
			}
			for i := range d.ncomp {
				c := &d.comp[i]
				dc, ac := &d.dc[c.td], &d.ac[c.ta]
				for by := range c.v {
					for bx := range c.h {
						flat, ok := d.block(br, c, dc, ac, &g)
						if !ok {
							return errFallback
						}
						off := ((my*c.v+by)*c.stride + (mx*c.h + bx)) * nn
						put(&g, nn, flat, c.pix[off:], c.stride)
						clear(g[:nn*nn])
					}
				}
			}
		}
	}
	pos, ok := br.finish()
	if !ok {
		return errFallback
	}
	d.pos = pos
	ow, oh := (d.width+d.n-1)/d.n, (d.height+d.n-1)/d.n
	if d.ncomp == 1 {
		c := &d.comp[0]
		d.img = &image.Gray{Pix: c.pix, Stride: c.stride, Rect: image.Rect(0, 0, ow, oh)}
		return nil
	}
	r, _ := ratio(hmax/d.comp[1].h, vmax/d.comp[1].v)
	d.img = &image.YCbCr{
		Y: d.comp[0].pix, Cb: d.comp[1].pix, Cr: d.comp[2].pix,
		YStride: d.comp[0].stride, CStride: d.comp[1].stride,
		SubsampleRatio: r, Rect: image.Rect(0, 0, ow, oh),
	}
	return nil
}

// block decodes one block's coefficients (F.2.2.1, F.2.2.2) and adds
// each into the reduced block's terms g; flat is true when only the
// constant term got anything. The bit reader's state is kept in locals
// for the block (most blocks of a photograph are a handful of codes).
func (d *decoder) block(br *bitReader, c *component, dc, ac *huffman, g *[16]float32) (flat, ok bool) {
	acc, n := br.acc, br.n
	// next reads one Huffman-coded value of t with at least 32 bits at
	// hand (a code of 16 bits at most, then its 11 bits at most).
	next := func(t *huffman) (uint8, bool) {
		if n < 32 {
			br.acc, br.n = acc, n
			br.fill()
			acc, n = br.acc, br.n
		}
		if v := t.lut[acc>>(64-lutBits)]; v != 0 {
			acc <<= v >> 8
			n -= uint(v >> 8)
			return uint8(v), true
		}
		br.acc, br.n = acc, n
		v, ok := br.decodeLong(t)
		acc, n = br.acc, br.n
		return v, ok
	}
	// bits reads s bits (s ≤ 16, 32 at hand) as the value they code
	// (F.2.2.1, EXTEND).
	bits := func(s uint8) int32 {
		v := int32(acc >> (64 - uint(s)))
		acc <<= s
		n -= uint(s)
		if s > 0 && v < 1<<(s-1) {
			v += -1<<s + 1
		}
		return v
	}
	t, ok := next(dc)
	if !ok || t > 11 {
		return false, false
	}
	c.pred += bits(t)
	g[0] = float32(c.pred) * c.weight[0]
	flat = true
	for k := 1; k < 64; k++ {
		rs, ok := next(ac)
		if !ok {
			return false, false
		}
		r, s := int(rs>>4), rs&15
		if s == 0 {
			if r != 15 {
				break // end of block
			}
			k += 15
			continue
		}
		k += r
		if k > 63 || s > 11 {
			return false, false
		}
		if f := c.fold[k]; f >= 0 {
			g[f] += float32(bits(s)) * c.weight[k]
			flat = flat && f == 0
		} else {
			acc <<= s
			n -= uint(s)
		}
	}
	br.acc, br.n = acc, n
	return flat, !br.overrun()
}

// put writes the N×N pixels of the reduced block with terms g (the
// N-point inverse DCT in both directions, level shifted by 128) at dst.
func put(g *[16]float32, nn int, flat bool, dst []byte, stride int) {
	if flat || nn == 1 {
		p := pixel(g[0])
		for y := range nn {
			row := dst[y*stride : y*stride+nn]
			for x := range row {
				row[x] = p
			}
		}
		return
	}
	if nn == 2 {
		put2(g, dst, stride)
	} else {
		put4(g, dst, stride)
	}
}

// Cosines of the 4- and 2-point inverse DCTs.
var (
	cos1 = float32(math.Cos(math.Pi / 8))
	cos2 = float32(math.Cos(2 * math.Pi / 8))
	cos3 = float32(math.Cos(3 * math.Pi / 8))
)

// idct4 is the 4-point inverse DCT of a, b, c, d (terms 0-3) with its
// even and odd halves apart.
func idct4(a, b, c, d float32) (float32, float32, float32, float32) {
	e0, e1 := a+cos2*c, a-cos2*c
	o0, o1 := cos1*b+cos3*d, cos3*b-cos1*d
	return e0 + o0, e1 + o1, e1 - o1, e0 - o0
}

// put4 writes a 4×4 block: columns, then rows.
func put4(g *[16]float32, dst []byte, stride int) {
	var t [16]float32
	for u := range 4 {
		if g[4+u] == 0 && g[8+u] == 0 && g[12+u] == 0 {
			t[u], t[4+u], t[8+u], t[12+u] = g[u], g[u], g[u], g[u]
			continue
		}
		t[u], t[4+u], t[8+u], t[12+u] = idct4(g[u], g[4+u], g[8+u], g[12+u])
	}
	for y := range 4 {
		row := dst[y*stride:][:4]
		r := t[4*y:][:4]
		a, b, c, d := idct4(r[0], r[1], r[2], r[3])
		row[0], row[1], row[2], row[3] = pixel(a), pixel(b), pixel(c), pixel(d)
	}
}

// put2 writes a 2×2 block.
func put2(g *[16]float32, dst []byte, stride int) {
	// g holds the 2×2 terms at 0, 1, 2, 3.
	c0a, c0b := g[0]+cos2*g[2], g[0]-cos2*g[2]
	c1a, c1b := g[1]+cos2*g[3], g[1]-cos2*g[3]
	r0, r1 := dst[:2], dst[stride:][:2]
	r0[0], r0[1] = pixel(c0a+cos2*c1a), pixel(c0a-cos2*c1a)
	r1[0], r1[1] = pixel(c0b+cos2*c1b), pixel(c0b-cos2*c1b)
}

// pixel level-shifts and clamps a sample.
func pixel(v float32) byte {
	v += 128.5
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return byte(v)
}
