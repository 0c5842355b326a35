#include "socketowners.h"

#include <QFile>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace SocketScope {

namespace {

// A directory stream closed on every path out.
class Directory {
public:
    explicit Directory(int fd)
        : m_dir(fd >= 0 ? ::fdopendir(fd) : nullptr)
    {
        if (fd >= 0 && !m_dir)
            ::close(fd);
    }
    ~Directory()
    {
        if (m_dir)
            ::closedir(m_dir);
    }
    Directory(const Directory&) = delete;
    Directory& operator=(const Directory&) = delete;
    DIR* get() const { return m_dir; }

private:
    DIR* m_dir;
};

bool parseNumber(const char* text, long long* value)
{
    if (*text < '0' || *text > '9')
        return false;
    char* end = nullptr;
    *value = std::strtoll(text, &end, 10);
    return *end == '\0';
}

QString commandOf(int processDir)
{
    const int fd = ::openat(processDir, "comm", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    char buffer[64];
    const ssize_t count = ::read(fd, buffer, sizeof(buffer));
    ::close(fd);
    if (count <= 0)
        return {};
    return QString::fromLocal8Bit(buffer, int(count)).trimmed();
}

} // namespace

SocketOwnerIndex scanSocketOwners(const QString& procRoot)
{
    SocketOwnerIndex index;
    const int procFd =
        ::open(QFile::encodeName(procRoot).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    Directory proc(procFd);
    if (!proc.get())
        return index;
    static constexpr char prefix[] = "socket:[";
    while (const dirent* process = ::readdir(proc.get())) {
        long long pid = 0;
        if (!parseNumber(process->d_name, &pid))
            continue;
        const int processFd = ::openat(procFd, process->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (processFd < 0)
            continue; // exited since readdir
        const int fdDirFd = ::openat(processFd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fdDirFd < 0) {
            if (errno == EACCES || errno == EPERM)
                ++index.unreadableProcesses;
            ::close(processFd);
            continue;
        }
        Directory fds(fdDirFd);
        QString command;
        bool commandRead = false;
        while (fds.get()) {
            const dirent* entry = ::readdir(fds.get());
            if (!entry)
                break;
            long long fd = 0;
            if (!parseNumber(entry->d_name, &fd))
                continue;
            char target[64];
            const ssize_t length = ::readlinkat(fdDirFd, entry->d_name, target, sizeof(target) - 1);
            if (length <= ssize_t(sizeof(prefix)) ||
                std::memcmp(target, prefix, sizeof(prefix) - 1) != 0)
                continue;
            target[length] = '\0';
            long long inode = 0;
            target[length - 1] = '\0'; // the closing ']'
            if (!parseNumber(target + sizeof(prefix) - 1, &inode))
                continue;
            if (!commandRead) {
                command = commandOf(processFd);
                commandRead = true;
            }
            index.byInode[quint64(inode)].append(SocketOwner{pid, int(fd), command});
        }
        ::close(processFd);
    }
    return index;
}

void attachOwners(QList<SocketRow>& rows, const SocketOwnerIndex& index)
{
    for (SocketRow& row : rows) {
        if (row.inode == 0)
            continue;
        const auto found = index.byInode.constFind(row.inode);
        if (found != index.byInode.cend())
            row.owners = *found;
    }
}

} // namespace SocketScope
