// zlib, for gzip-compressed NDJSON output (ChorusOutput/ZStream.swift and the gzip coders).
#include <zlib.h>
