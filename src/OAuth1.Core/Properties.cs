using System.Runtime.CompilerServices;

// The signing path stack-allocates scratch buffers that it always writes before reading: skip zeroing them.
[module: SkipLocalsInit]
