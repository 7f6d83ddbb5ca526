#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class HttpCall;
class QJsonObject;
class QNetworkAccessManager;
struct HttpRequest;
struct HttpResponse;

// KashFlow's two-step sign-in: the user name and password (POST /sessiontoken) give a temporary token and three
// positions in the memorable word; the characters at those positions (PUT /sessiontoken) give the session token.
// The dialog and attache-cli ask the user at each step; a remembered memorable word answers the second one.
class KashflowSignIn : public QObject
{
    Q_OBJECT

public:
    // baseUrl: "https://api.kashflow.com/v2", or the emulator's.
    KashflowSignIn(QNetworkAccessManager* network, const QUrl& baseUrl, QObject* parent = nullptr);
    ~KashflowSignIn() override;

    void start(const QString& userName, const QString& password);
    // The characters of the memorable word at the positions asked for, in their order.
    void answer(const QString& characters);
    QList<int> positions() const { return m_positions; }
    // The characters of word at the 1-based positions; empty when the word is too short.
    static QString charactersAt(const QString& word, const QList<int>& positions);
    // The positions as a person reads them: "2, 4 and 5".
    static QString describePositions(const QList<int>& positions);

signals:
    void positionsRequested(const QList<int>& positions);
    void signedIn(const QString& sessionToken);
    // mayPass: KashFlow could not be reached or was busy, so trying again later may succeed.
    void failed(const QString& message, bool mayPass);

private:
    void send(const QByteArray& verb, const QJsonObject& body, std::function<void(const QJsonObject&)> done);
    void fail(const HttpResponse& response);

    QNetworkAccessManager* m_network;
    const QUrl m_baseUrl;
    QString m_temporaryToken;
    QList<int> m_positions;
    QPointer<HttpCall> m_call;
};
