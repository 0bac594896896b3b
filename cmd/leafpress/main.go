// Command leafpress turns a campaign programme (Markdown chapters with YAML
// front matter, as kept in a Jekyll site) into leaflet PDFs for the print
// shop, screen PDFs for volunteers and Word files for editors.
//
// Usage:
//
//	leafpress build [flags] [SOURCE...]   write every output under OUT/<programme>/
//	leafpress tree  [flags] [SOURCE...]   print the document tree as JSON
//	leafpress check [flags] [SOURCE...]   report every problem, write nothing
//
// With no SOURCE the embedded sample programme is used. Run
// `leafpress help` or `leafpress build -h` for the flags.
package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"leafpress/export/outfile"
)

// memoryLimit is the heap size near which the garbage collector works
// harder, unless GOMEMLIMIT sets another (runtime/debug.SetMemoryLimit; a
// soft limit: a programme that needs more still gets it). Without it the
// heap of a large build grows to twice what it holds before being
// collected: a 1,000-chapter programme peaked at 584 MB, with it 417 MB,
// for a few per cent more CPU time. Builds of usual size never reach it.
const memoryLimit = 400 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	stopOnSignal()
	stopProfiles := startProfiles(os.Stderr)
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stopProfiles()
	os.Exit(code)
}

// stopOnSignal makes SIGINT and SIGTERM stop the run cleanly: the files
// being written are removed (the last good ones stay under their names)
// and the process exits with 130 or 143.
func stopOnSignal() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sig
		outfile.Abort()
		code := exitInterrupt
		if s == syscall.SIGTERM {
			code = exitTerminate
		}
		fmt.Fprintf(os.Stderr, "leafpress: error: stopped by %v; the files being written were removed, the finished ones kept\n", s)
		os.Exit(code)
	}()
}

// run is the whole command line: sources are read into one document tree,
// the typography pass runs over it, and the backends write their files.
// See export/pipeline for the steps.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "tree":
		return cmdTree(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	fmt.Fprintf(stderr, "leafpress: error: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}
