// zlib, for gzip-compressed NDJSON output (ChorusOutput/GzipCompressor.swift only).
#include <zlib.h>
