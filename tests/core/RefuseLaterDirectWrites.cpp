// Preloaded (LD_PRELOAD) by TestDownloadFile: a file system that takes O_DIRECT when a file is opened and its first
// direct write, then refuses the rest with EINVAL, as a file system may when a write's alignment does not suit it.
// Each direct write is logged, "written" or "refused", to the file ATTACHE_TEST_DIRECT_WRITES names, so that the
// test knows the direct path was taken and then left.

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

namespace {

using PwriteFunction = ssize_t (*)(int, const void*, size_t, off_t);

std::atomic_int directWrites = 0;

void log(const char* line)
{
    if (const char* path = std::getenv("ATTACHE_TEST_DIRECT_WRITES")) {
        if (std::FILE* file = std::fopen(path, "a")) {
            std::fputs(line, file);
            std::fclose(file);
        }
    }
}

ssize_t refuseLaterDirectWrites(const char* name, int fd, const void* data, size_t size, off_t offset)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0 && (flags & O_DIRECT) != 0) {
        if (directWrites++ > 0) {
            log("refused\n");
            errno = EINVAL;
            return -1;
        }
        log("written\n");
    }
    const auto next = reinterpret_cast<PwriteFunction>(::dlsym(RTLD_NEXT, name));
    return next(fd, data, size, offset);
}

} // namespace

// Both names, for callers built with and without large-file offsets.
extern "C" ssize_t pwrite(int fd, const void* data, size_t size, off_t offset)
{
    return refuseLaterDirectWrites("pwrite", fd, data, size, offset);
}

extern "C" ssize_t pwrite64(int fd, const void* data, size_t size, off64_t offset)
{
    return refuseLaterDirectWrites("pwrite64", fd, data, size, offset);
}
