#include "LocalStoreWatcher.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace {
constexpr int FoldersPerWatcher = 256;
} // namespace

LocalStoreWatcher::LocalStoreWatcher(const QString& rootPath, QObject* parent)
    : QObject(parent)
    , m_rootPath(rootPath)
{
    watch({ m_rootPath });
    const QList<EntityType> types = EntityTypes::standard();
    for (EntityType type : types)
        watchType(type);
}

LocalStoreWatcher::~LocalStoreWatcher() = default;

void LocalStoreWatcher::watch(const QStringList& paths)
{
    for (const QString& path : paths) {
        if (m_watchers.empty() || m_watchers.back()->directories().size() >= FoldersPerWatcher) {
            m_watchers.push_back(std::make_unique<QFileSystemWatcher>());
            connect(m_watchers.back().get(), &QFileSystemWatcher::directoryChanged, this,
                    &LocalStoreWatcher::onDirectoryChanged);
        }
        m_watchers.back()->addPath(path);
    }
}

QSet<QString> LocalStoreWatcher::watchedFolders() const
{
    QSet<QString> folders;
    for (const auto& watcher : m_watchers) {
        const QStringList directories = watcher->directories();
        for (const QString& directory : directories)
            folders.insert(directory);
    }
    return folders;
}

bool LocalStoreWatcher::isWatched(const QString& path) const
{
    return std::any_of(m_watchers.cbegin(), m_watchers.cend(),
                       [&path](const auto& watcher) { return watcher->directories().contains(path); });
}

void LocalStoreWatcher::watchType(EntityType type)
{
    const QString typePath = m_rootPath + QLatin1Char('/') + EntityTypes::folderName(type);
    const QString prefix = typePath + QLatin1Char('/');
    const QDir dir(typePath);
    if (!dir.exists())
        return;
    const QSet<QString> watched = watchedFolders();
    QStringList paths;
    if (!watched.contains(typePath))
        paths.append(typePath);
    const QStringList ids = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& id : ids) {
        const QString path = prefix + id;
        if (!watched.contains(path))
            paths.append(path);
    }
    watch(paths);
}

void LocalStoreWatcher::onDirectoryChanged(const QString& path)
{
    if (path == m_rootPath) {
        // A type folder made or removed.
        const QList<EntityType> types = EntityTypes::standard();
        for (EntityType type : types)
            watchType(type);
        emit changed(types, {});
        return;
    }
    const QStringList parts = QDir(m_rootPath).relativeFilePath(path).split(QLatin1Char('/'));
    const std::optional<EntityType> type = EntityTypes::fromName(parts.value(0));
    if (!type || parts.size() > 2)
        return;
    if (parts.size() == 1) {
        watchType(*type);
        emit changed({ *type }, {});
    } else {
        // Removed, and perhaps made again before its type folder's change was seen.
        if (QFileInfo(path).isDir() && !isWatched(path))
            watch({ path });
        emit changed({}, { EntityRef { *type, parts.at(1) } });
    }
}
