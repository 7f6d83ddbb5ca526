#pragma once

// Shared by the tests that run in tests/with-keyring.sh's private session: proof that a secret
// reached no file.

#include <QByteArray>
#include <QDirIterator>
#include <QFile>
#include <QStringList>

namespace KeyringTest {

// Every file under the folders that holds the text as UTF-8 or UTF-16, each listed once.
inline QStringList filesContaining(const QStringList& folders, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    const QByteArray utf16(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
    QStringList found;
    for (const QString& folder : folders) {
        QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray content = file.readAll();
            if ((content.contains(utf8) || content.contains(utf16)) && !found.contains(file.fileName()))
                found.append(file.fileName());
        }
    }
    return found;
}

} // namespace KeyringTest
