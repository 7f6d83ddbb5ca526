#include "EmulatorRandomToken.h"

#include <QByteArray>
#include <QRandomGenerator>

QString EmulatorRandomToken::base64Url(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    for (char& c : data)
        c = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString EmulatorRandomToken::alphanumeric(int length)
{
    static const QString alphabet = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    QString token;
    for (int i = 0; i < length; ++i)
        token += alphabet.at(int(QRandomGenerator::global()->bounded(quint32(alphabet.size()))));
    return token;
}
