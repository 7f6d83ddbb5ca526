// Preloaded (LD_PRELOAD) by TestLocalStore: another writer takes a name at the last moment. When a rename (or
// renameat2) is about to put a file under the name ATTACHE_TEST_TAKEN_NAME, and nothing is there yet, a file holding
// "another writer's" is created there first, once, as a racing upload or a sync client would.

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

namespace {

std::atomic_bool taken = false;

void takeFirst(const char* target)
{
    const char* name = std::getenv("ATTACHE_TEST_TAKEN_NAME");
    const char* slash = std::strrchr(target, '/');
    if (!name || std::strcmp(slash ? slash + 1 : target, name) != 0 || taken.exchange(true))
        return;
    const int fd = ::open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    const char content[] = "another writer's";
    if (::write(fd, content, sizeof content - 1) < 0)
        std::perror("TakeNameBeforeRename");
    ::close(fd);
}

} // namespace

extern "C" int rename(const char* from, const char* to)
{
    takeFirst(to);
    using Function = int (*)(const char*, const char*);
    return reinterpret_cast<Function>(::dlsym(RTLD_NEXT, "rename"))(from, to);
}

extern "C" int renameat2(int fromDir, const char* from, int toDir, const char* to, unsigned int flags)
{
    takeFirst(to);
    using Function = int (*)(int, const char*, int, const char*, unsigned int);
    return reinterpret_cast<Function>(::dlsym(RTLD_NEXT, "renameat2"))(fromDir, from, toDir, to, flags);
}
