#include "KashflowSignIn.h"

#include "HttpCall.h"
#include "KashflowError.h"
#include "KashflowPayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

KashflowSignIn::KashflowSignIn(QNetworkAccessManager* network, const QUrl& baseUrl, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_baseUrl(baseUrl)
{ }

KashflowSignIn::~KashflowSignIn()
{
    if (m_call)
        m_call->abort();
}

QString KashflowSignIn::describePositions(const QList<int>& positions)
{
    QStringList numbers;
    for (int position : positions)
        numbers.append(QString::number(position));
    const QString last = numbers.isEmpty() ? QString() : numbers.takeLast();
    //: Joins the last of the memorable word's positions to the others: "2, 4 and 5".
    return numbers.isEmpty() ? last : tr("%1 and %2").arg(numbers.join(QStringLiteral(", ")), last);
}

QString KashflowSignIn::charactersAt(const QString& word, const QList<int>& positions)
{
    QString characters;
    for (int position : positions) {
        if (position < 1 || position > word.size())
            return {};
        characters += word.at(position - 1);
    }
    return characters;
}

void KashflowSignIn::start(const QString& userName, const QString& password)
{
    const QJsonObject credentials { { QStringLiteral("UserName"), userName },
                                    { QStringLiteral("Password"), password } };
    send("POST", credentials, [this](const QJsonObject& reply) {
        m_temporaryToken = reply.value(QLatin1String("TemporaryToken")).toString();
        m_positions.clear();
        const QJsonArray list = reply.value(QLatin1String("MemorableWordList")).toArray();
        for (const QJsonValue& entry : list)
            m_positions.append(entry.toObject().value(QLatin1String("Position")).toInt());
        if (m_temporaryToken.isEmpty() || m_positions.isEmpty()) {
            emit failed(tr("KashFlow's answer to the sign-in could not be read."), false);
            return;
        }
        emit positionsRequested(m_positions);
    });
}

void KashflowSignIn::answer(const QString& characters)
{
    if (characters.size() != m_positions.size()) {
        emit failed(tr("Give %n character(s) of the memorable word.", nullptr, int(m_positions.size())), false);
        return;
    }
    QJsonArray list;
    for (int i = 0; i < m_positions.size(); ++i)
        list.append(QJsonObject { { QStringLiteral("Position"), m_positions.at(i) },
                                  { QStringLiteral("Value"), QString(characters.at(i)) } });
    const QJsonObject body { { QStringLiteral("TemporaryToken"), m_temporaryToken },
                             { QStringLiteral("MemorableWordList"), list } };
    send("PUT", body, [this](const QJsonObject& reply) {
        const QString token = reply.value(QLatin1String("SessionToken")).toString();
        if (token.isEmpty())
            emit failed(tr("KashFlow's answer to the sign-in could not be read."), false);
        else
            emit signedIn(token);
    });
}

void KashflowSignIn::send(const QByteArray& verb, const QJsonObject& body, std::function<void(const QJsonObject&)> done)
{
    HttpRequest request;
    request.method = verb;
    request.url = m_baseUrl;
    request.url.setPath(m_baseUrl.path() + QStringLiteral("/sessiontoken"));
    request.authorized = false;
    request.setHeader(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    request.setHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.isExpectedAnswer = PayloadFormats::isServiceAnswer;
    auto* call = new HttpCall(m_network, request, nullptr, this);
    m_call = call;
    connect(call, &HttpCall::finished, this, [this, call, done](const HttpResponse& response) {
        call->deleteLater();
        if (!response.isSuccess()) {
            fail(response);
            return;
        }
        done(KashflowPayload::read(response).toObject());
    });
    call->start();
}

void KashflowSignIn::fail(const HttpResponse& response)
{
    const KashflowError error = KashflowError::fromResponse(response);
    emit failed(error.message(), error.mayPass());
}
