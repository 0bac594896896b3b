package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// startProfiles starts the profiles that LEAFPRESS_CPUPROFILE and
// LEAFPRESS_MEMPROFILE ask for (each the path of a file for `go tool
// pprof`), and the execution trace LEAFPRESS_TRACE asks for (a file for
// `go tool trace`: what ran when, on which processor, and what waited) and returns what writes and closes them when the run ends. It
// is for measuring leafpress itself; with neither set it does nothing.
func startProfiles(stderr *os.File) (stop func()) {
	var stops []func()
	if path := os.Getenv("LEAFPRESS_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "leafpress: warning: no CPU profile (LEAFPRESS_CPUPROFILE): %v\n", err)
		} else {
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if path := os.Getenv("LEAFPRESS_TRACE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = trace.Start(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "leafpress: warning: no execution trace (LEAFPRESS_TRACE): %v\n", err)
		} else {
			stops = append(stops, func() { trace.Stop(); f.Close() })
		}
	}
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
