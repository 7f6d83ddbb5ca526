#pragma once

// What a download does with a file already at its target: replace it, as the user chose to (or an earlier copy of
// its own), or keep it and fail, since it is somebody's file.
enum class ExistingFile { Replace, Keep };
