package raster

// SamePixels lets the package's external tests check an encoded PNG
// against the picture drawn.
var SamePixels = samePixels
