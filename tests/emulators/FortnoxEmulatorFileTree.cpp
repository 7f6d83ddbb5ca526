#include "FortnoxEmulatorFileTree.h"

#include <QDir>
#include <QFile>
#include <QIODevice>
#include <QUuid>

FortnoxEmulatorFileTree::FortnoxEmulatorFileTree(const QString& rootPath, const QString& blobDirectory)
    : m_rootPath(rootPath)
    , m_blobDirectory(blobDirectory)
{
    QDir().mkpath(m_blobDirectory);
}

QString FortnoxEmulatorFileTree::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

void FortnoxEmulatorFileTree::addFolder(const Folder& folder)
{
    m_folders.append(folder);
}

std::optional<FortnoxEmulatorFileTree::Folder> FortnoxEmulatorFileTree::folder(const QString& id) const
{
    for (const Folder& folder : m_folders) {
        if (folder.id == id)
            return folder;
    }
    return std::nullopt;
}

QList<FortnoxEmulatorFileTree::Folder> FortnoxEmulatorFileTree::subfolders(const QString& id) const
{
    QList<Folder> list;
    for (const Folder& folder : m_folders) {
        if (folder.parentId == id && !folder.id.isEmpty() && folder.id != rootId())
            list.append(folder);
    }
    return list;
}

QString FortnoxEmulatorFileTree::folderIdForPath(const QString& path) const
{
    QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    // The root may be named or left out.
    if (!segments.isEmpty() && (segments.first() == m_rootPath || segments.first() == rootId()))
        segments.removeFirst();
    QString current = rootId();
    for (const QString& segment : std::as_const(segments)) {
        QString next;
        for (const Folder& child : subfolders(current)) {
            if ((child.fixed ? child.id : child.name).compare(segment, Qt::CaseInsensitive) == 0) {
                next = child.id;
                break;
            }
        }
        if (next.isEmpty())
            return {};
        current = next;
    }
    return current;
}

std::optional<FortnoxEmulatorFileTree::File> FortnoxEmulatorFileTree::fileForPath(const QString& path) const
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    const QString folderId = folderIdForPath(slash < 0 ? QString() : path.left(slash));
    if (folderId.isEmpty())
        return std::nullopt;
    const QString name = path.mid(slash + 1);
    for (const File& file : files(folderId)) {
        if (file.name == name)
            return file;
    }
    return std::nullopt;
}

QString FortnoxEmulatorFileTree::pathOf(const QString& folderId) const
{
    QStringList segments;
    std::optional<Folder> current = folder(folderId);
    while (current && current->id != rootId()) {
        segments.prepend(current->fixed ? current->id : current->name);
        current = folder(current->parentId);
    }
    return segments.isEmpty() ? m_rootPath : segments.join(QLatin1Char('/'));
}

bool FortnoxEmulatorFileTree::removeFolder(const QString& id)
{
    const std::optional<Folder> target = folder(id);
    if (!target || target->fixed || id == rootId())
        return false;
    for (const Folder& child : subfolders(id))
        removeFolder(child.id);
    for (const File& file : files(id))
        removeFile(file.id);
    m_folders.erase(
        std::remove_if(m_folders.begin(), m_folders.end(), [&id](const Folder& folder) { return folder.id == id; }),
        m_folders.end());
    return true;
}

std::optional<FortnoxEmulatorFileTree::File> FortnoxEmulatorFileTree::file(const QString& id) const
{
    const auto it = m_files.constFind(id);
    return it == m_files.constEnd() ? std::nullopt : std::optional<File>(*it);
}

std::optional<FortnoxEmulatorFileTree::File>
FortnoxEmulatorFileTree::fileByArchiveId(const QString& archiveFileId) const
{
    for (const File& file : m_files) {
        if (file.archiveFileId == archiveFileId)
            return file;
    }
    return std::nullopt;
}

QList<FortnoxEmulatorFileTree::File> FortnoxEmulatorFileTree::files(const QString& folderId) const
{
    QList<File> list;
    for (const QString& id : m_fileOrder) {
        const File& file = m_files[id];
        if (file.folderId == folderId)
            list.append(file);
    }
    return list;
}

std::optional<FortnoxEmulatorFileTree::File> FortnoxEmulatorFileTree::storeFile(const QString& folderId,
                                                                                const QString& name, QIODevice& source,
                                                                                bool sameArchiveId, const QString& id)
{
    File file;
    file.id = id.isEmpty() ? newId() : id;
    file.archiveFileId = sameArchiveId ? file.id : newId();
    file.name = name;
    file.folderId = folderId;
    file.blobPath = QDir(m_blobDirectory).filePath(QUuid::createUuid().toString(QUuid::Id128));
    QFile blob(file.blobPath);
    if (!blob.open(QIODevice::WriteOnly))
        return std::nullopt;
    // In chunks, so that the content is never copied whole.
    constexpr qint64 ChunkSize = 256 * 1024;
    while (!source.atEnd()) {
        const QByteArray chunk = source.read(ChunkSize);
        if (chunk.isEmpty() || blob.write(chunk) != chunk.size()) {
            blob.remove();
            return std::nullopt;
        }
        file.size += chunk.size();
    }
    blob.close();
    m_files.insert(file.id, file);
    m_fileOrder.append(file.id);
    return file;
}

FortnoxEmulatorFileTree::File FortnoxEmulatorFileTree::adoptFile(File file, const QString& folderId, const QString& id)
{
    file.id = id;
    file.folderId = folderId;
    m_files.insert(file.id, file);
    m_fileOrder.append(file.id);
    return file;
}

std::optional<FortnoxEmulatorFileTree::File> FortnoxEmulatorFileTree::takeFile(const QString& id)
{
    if (!m_files.contains(id))
        return std::nullopt;
    m_fileOrder.removeAll(id);
    return m_files.take(id);
}

bool FortnoxEmulatorFileTree::removeFile(const QString& id)
{
    const std::optional<File> taken = takeFile(id);
    if (taken)
        QFile::remove(taken->blobPath);
    return taken.has_value();
}
