#pragma once

#include <QHash>
#include <QIcon>
#include <QMimeDatabase>

// Icons for attachments: the system theme's icon for the file's MIME type, else Attaché's bundled
// icon for the KashFlow icon name. Cached per extension.
class FileIconProvider
{
public:
    QIcon icon(const QString& fileName);

private:
    QMimeDatabase m_mimeDatabase;
    QHash<QString, QIcon> m_cache;
};
