module leafpress

go 1.26.8

require (
	github.com/disintegration/imaging v1.6.2 // indirect
	github.com/go-pdf/fpdf v0.9.0 // indirect
	github.com/goccy/go-yaml v1.19.2 // indirect
	github.com/gomutex/godocx v0.1.6-0.20250811222946-aefd2d814cd1 // indirect
	github.com/yuin/goldmark v1.8.7 // indirect
	golang.org/x/image v0.47.0 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
