#include "LocalStoreWatcher.h"

#include <QDir>
#include <QSet>

LocalStoreWatcher::LocalStoreWatcher(const QString& rootPath, QObject* parent)
    : QObject(parent)
    , m_rootPath(rootPath)
{
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &LocalStoreWatcher::onDirectoryChanged);
    m_watcher.addPath(m_rootPath);
    const QList<EntityType> types = EntityTypes::all();
    for (EntityType type : types)
        watchType(type);
}

void LocalStoreWatcher::watchType(EntityType type)
{
    const QString typePath = m_rootPath + QLatin1Char('/') + EntityTypes::folderName(type);
    const QDir dir(typePath);
    if (!dir.exists())
        return;
    const QSet<QString> watched(m_watcher.directories().cbegin(), m_watcher.directories().cend());
    QStringList paths;
    if (!watched.contains(typePath))
        paths.append(typePath);
    const QStringList ids = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& id : ids) {
        const QString path = dir.filePath(id);
        if (!watched.contains(path))
            paths.append(path);
    }
    // Folders that have gone drop out of the watcher by themselves.
    if (!paths.isEmpty())
        m_watcher.addPaths(paths);
}

void LocalStoreWatcher::onDirectoryChanged(const QString& path)
{
    if (path == m_rootPath) {
        // A type folder made or removed.
        const QList<EntityType> types = EntityTypes::all();
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
        emit changed({}, { EntityRef { *type, parts.at(1) } });
    }
}
