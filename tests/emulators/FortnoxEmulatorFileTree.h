#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QIODevice;

// One of Fortnox's two file trees, the inbox or the archive: folders under a root, and files in them whose contents
// live on disk under names the tree makes up, so that no name a client sends ever becomes a path. Folders and files
// are listed in the order they were added, as Fortnox lists them. A path names a folder by its segments below the
// root: a fixed folder's (inbox_s, fndoc2024) segment is its Id, a user folder's its name.
class FortnoxEmulatorFileTree
{
public:
    struct Folder
    {
        QString id;
        QString name;
        QString email;
        QString parentId; // empty for the root
        bool fixed = false; // Fortnox's own folders, which cannot be deleted
    };

    struct File
    {
        QString id;
        QString archiveFileId;
        QString name;
        qint64 size = 0;
        QString folderId;
        QString blobPath;
    };

    // `rootPath` is the Path of the root's files ("inbox", "root"); contents go under `blobDirectory`.
    FortnoxEmulatorFileTree(const QString& rootPath, const QString& blobDirectory);

    static QString rootId() { return QStringLiteral("root"); }
    static QString newId();

    void addFolder(const Folder& folder);
    std::optional<Folder> folder(const QString& id) const;
    QList<Folder> subfolders(const QString& id) const;
    // The folder a path names ("", the root path or "root" are the root; "inbox_s/Kvitton"); empty when none.
    QString folderIdForPath(const QString& path) const;
    // The file a path names by its folder's path and its name ("inbox_s/faktura.pdf"); the first of that name.
    std::optional<File> fileForPath(const QString& path) const;
    // The Path of the files in a folder.
    QString pathOf(const QString& folderId) const;
    // The folder and everything below it, its contents deleted; false for the root, a fixed or an unknown folder.
    bool removeFolder(const QString& id);

    std::optional<File> file(const QString& id) const;
    std::optional<File> fileByArchiveId(const QString& archiveFileId) const;
    QList<File> files(const QString& folderId) const;
    // Writes the content from `source` to disk as it is read, in chunks; none when it cannot be written. In the
    // archive a file's Id is its ArchiveFileId; in the inbox the two differ.
    // `id`, when given, is the file's Id instead of a new one.
    std::optional<File> storeFile(const QString& folderId, const QString& name, QIODevice& source, bool sameArchiveId,
                                  const QString& id = {});
    // Moves a file in from another tree, content and all, under a new Id.
    File adoptFile(File file, const QString& folderId, const QString& id);
    // Takes a file out without deleting its content (it moves to the other tree).
    std::optional<File> takeFile(const QString& id);
    bool removeFile(const QString& id);

private:
    QString m_rootPath;
    QString m_blobDirectory;
    QList<Folder> m_folders;
    QStringList m_fileOrder;
    QHash<QString, File> m_files; // by Id
};
