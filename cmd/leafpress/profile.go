package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// startProfiles starts the profiles that LEAFPRESS_CPUPROFILE and
// LEAFPRESS_MEMPROFILE ask for (each the path of a file for `go tool
// pprof`), and the execution trace LEAFPRESS_TRACE asks for (a file for
// `go tool trace`: what ran when, on which processor, and what waited),
// and returns what writes and closes them when the run ends. It is for
// measuring leafpress itself; with none set it does nothing.
func startProfiles(stderr *os.File) (stop func()) {
	var stops []func()
	// start starts what (a profile or the trace) into the file variable
	// names, if any, and stops it at the end.
	start := func(variable, what string, begin func(io.Writer) error, end func()) {
		path := os.Getenv(variable)
		if path == "" {
			return
		}
		f, err := os.Create(path)
		if err == nil {
			err = begin(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "leafpress: warning: no %s (%s): %v\n", what, variable, err)
			return
		}
		stops = append(stops, func() { end(); f.Close() })
	}
	start("LEAFPRESS_CPUPROFILE", "CPU profile", pprof.StartCPUProfile, pprof.StopCPUProfile)
	start("LEAFPRESS_TRACE", "execution trace", trace.Start, trace.Stop)
	if path := os.Getenv("LEAFPRESS_MEMPROFILE"); path != "" {
		stops = append(stops, func() {
			f, err := os.Create(path)
			if err == nil {
				runtime.GC()
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				fmt.Fprintf(stderr, "leafpress: warning: no memory profile (LEAFPRESS_MEMPROFILE): %v\n", err)
			}
		})
	}
	return func() {
		for _, s := range stops {
			s()
		}
	}
}
