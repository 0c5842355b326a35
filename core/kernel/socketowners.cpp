#include "kernel/socketowners.h"

#include <QFile>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <future>
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

// The inode behind /proc/PID/fd/NAME when it is a socket, else 0.
quint64 socketInodeAt(int fdDirFd, const char* name)
{
    static constexpr char prefix[] = "socket:[";
    char target[64];
    const ssize_t length = ::readlinkat(fdDirFd, name, target, sizeof(target) - 1);
    if (length <= ssize_t(sizeof(prefix)) || std::memcmp(target, prefix, sizeof(prefix) - 1) != 0)
        return 0;
    target[length - 1] = '\0'; // the closing ']'
    long long inode = 0;
    return parseNumber(target + sizeof(prefix) - 1, &inode) ? quint64(inode) : 0;
}

struct FoundSocket {
    int fd;
    quint64 inode;
};

// Resolves one process's descriptors; a server with thousands of them is split between
// threads, since each readlink is a system call of its own.
QList<FoundSocket> socketsOf(int fdDirFd, const QList<int>& fds)
{
    const auto resolve = [fdDirFd, &fds](qsizetype from, qsizetype to) {
        QList<FoundSocket> found;
        char name[16];
        for (qsizetype i = from; i < to; ++i) {
            *std::to_chars(name, name + sizeof(name) - 1, fds[i]).ptr = '\0';
            if (const quint64 inode = socketInodeAt(fdDirFd, name))
                found.append(FoundSocket{fds[i], inode});
        }
        return found;
    };
    constexpr qsizetype manyDescriptors = 2048;
    if (fds.size() < manyDescriptors)
        return resolve(0, fds.size());
    const qsizetype half = fds.size() / 2;
    auto firstHalf = std::async(std::launch::async, resolve, 0, half);
    QList<FoundSocket> found = resolve(half, fds.size());
    found.append(firstHalf.get());
    return found;
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
    QList<int> fds;
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
        Directory fdDir(fdDirFd);
        fds.clear();
        while (fdDir.get()) {
            const dirent* entry = ::readdir(fdDir.get());
            if (!entry)
                break;
            long long fd = 0;
            if (parseNumber(entry->d_name, &fd))
                fds.append(int(fd));
        }
        const QList<FoundSocket> sockets = socketsOf(fdDirFd, fds);
        if (!sockets.isEmpty()) {
            const QString command = commandOf(processFd);
            for (const FoundSocket& socket : sockets)
                index.byInode[socket.inode].append(SocketOwner{pid, socket.fd, command});
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
