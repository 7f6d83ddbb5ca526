// Preloaded (LD_PRELOAD) by TestLocalStore: a file system without unnamed files (O_TMPFILE), as NFS or FAT, where
// open() refuses them with EOPNOTSUPP. Each refusal adds a line to the file ATTACHE_TEST_REFUSALS names, so that the
// test sees the refusal happened.

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <fcntl.h>

namespace {

using Open = int (*)(const char*, int, ...);

int openUnlessUnnamed(const char* path, int flags, va_list arguments)
{
    if ((flags & O_TMPFILE) == O_TMPFILE) {
        if (const char* log = std::getenv("ATTACHE_TEST_REFUSALS")) {
            if (std::FILE* file = std::fopen(log, "ae")) {
                std::fputs("O_TMPFILE\n", file);
                std::fclose(file);
            }
        }
        errno = EOPNOTSUPP;
        return -1;
    }
    const mode_t mode = (flags & O_CREAT) ? mode_t(va_arg(arguments, unsigned int)) : 0;
    return reinterpret_cast<Open>(::dlsym(RTLD_NEXT, "open"))(path, flags, mode);
}

} // namespace

extern "C" int open(const char* path, int flags, ...)
{
    va_list arguments;
    va_start(arguments, flags);
    const int result = openUnlessUnnamed(path, flags, arguments);
    va_end(arguments);
    return result;
}

// The same function under its large-file name, which 64-bit glibc makes one with open.
extern "C" int open64(const char* path, int flags, ...) __attribute__((alias("open")));
