#!/usr/bin/env python3
"""Signs the corpus requests with botocore (SigV4Auth, SigV4QueryAuth) and awscrt (header and
query), the signers of Debian's python3-botocore and python3-awscrt, and prints them as they go on
the wire: JSON [{"id", "raw": {"method", "host", "target", "headers", "body"}}].

Input (stdin): {"date": ISO 8601, "cases": [{"id", "signer", "method", "host", "path", "params",
"headers", "body", "service", "region", "creds", "expires"}]}. `params` is a list of [name, value]
pairs (decoded), sent the way each library sends them: botocore url-encodes them with `+` for a
space (as requests does), awscrt takes the query already encoded (RFC 3986).

Run by packages/msw/test/corpus.test.ts (through corpus/build.ts, which writes the input) when
/usr/bin/python3 (or $SIGV4_PYTHON) has both modules (Debian: apt-get install python3-botocore
python3-awscrt); otherwise the test replays python-signed.json, which this script wrote with the
same input and a fixed date (botocore 1.29.27, awscrt from Debian 12). To record it again:
  SIGV4_RECORD_PYTHON=1 npx vitest run packages/msw/test/corpus.test.ts
"""
import datetime
import io
import json
import sys
from unittest import mock
from urllib.parse import quote, urlsplit

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from awscrt import auth as crt_auth
from awscrt import http as crt_http


def rfc3986(text):
    return quote(text, safe='-_.~')


def wire(method, url, headers, body):
    parts = urlsplit(url)
    target = parts.path or '/'
    if parts.query:
        target += '?' + parts.query
    return {
        'method': method,
        'host': parts.netloc,
        'target': target,
        'headers': [[k, v] for k, v in headers],
        'body': body,
    }


class FixedDatetime(datetime.datetime):
    fixed = None

    @classmethod
    def utcnow(cls):
        return cls.fixed


def sign_botocore(case, when, query):
    creds = Credentials(case['creds']['accessKeyId'], case['creds']['secretAccessKey'],
                        case['creds'].get('sessionToken'))
    url = 'https://' + case['host'] + case['path']
    params = {name: value for name, value in case.get('params', [])}
    request = AWSRequest(method=case['method'], url=url, headers=dict(case.get('headers', {})),
                         data=(case.get('body') or '').encode('utf-8'), params=params)
    if query:
        signer = botocore.auth.SigV4QueryAuth(creds, case['service'], case['region'],
                                              expires=case.get('expires', 300))
    else:
        signer = botocore.auth.SigV4Auth(creds, case['service'], case['region'])
    FixedDatetime.fixed = when.replace(tzinfo=None)
    with mock.patch.object(botocore.auth.datetime, 'datetime', FixedDatetime):
        signer.add_auth(request)
    prepared = request.prepare()
    headers = [(k, v if isinstance(v, str) else v.decode('utf-8')) for k, v in prepared.headers.items()]
    if not any(k.lower() == 'host' for k, _ in headers):
        headers.insert(0, ('Host', case['host']))
    body = prepared.body.decode('utf-8') if isinstance(prepared.body, bytes) else (prepared.body or '')
    return wire(case['method'], prepared.url, headers, body)


def sign_awscrt(case, when, query):
    creds = case['creds']
    provider = crt_auth.AwsCredentialsProvider.new_static(
        creds['accessKeyId'], creds['secretAccessKey'], creds.get('sessionToken'))
    encoded = '&'.join(rfc3986(n) + '=' + rfc3986(v) for n, v in case.get('params', []))
    path = case['path'] + ('?' + encoded if encoded else '')
    body = (case.get('body') or '').encode('utf-8')
    headers = [('host', case['host'])] + list(case.get('headers', {}).items())
    request = crt_http.HttpRequest(case['method'], path, crt_http.HttpHeaders(headers),
                                   io.BytesIO(body))
    config = crt_auth.AwsSigningConfig(
        algorithm=crt_auth.AwsSigningAlgorithm.V4,
        signature_type=(crt_auth.AwsSignatureType.HTTP_REQUEST_QUERY_PARAMS if query
                        else crt_auth.AwsSignatureType.HTTP_REQUEST_HEADERS),
        credentials_provider=provider,
        region=case['region'],
        service=case['service'],
        date=when,
        signed_body_header_type=crt_auth.AwsSignedBodyHeaderType.NONE,
        expiration_in_seconds=case.get('expires', 300) if query else None,
    )
    signed = crt_auth.aws_sign_request(request, config).result(10)
    return wire(case['method'], 'https://' + case['host'] + signed.path,
                list(signed.headers), body.decode('utf-8'))


SIGNERS = {
    'botocore': lambda c, d: sign_botocore(c, d, False),
    'botocore-query': lambda c, d: sign_botocore(c, d, True),
    'awscrt': lambda c, d: sign_awscrt(c, d, False),
    'awscrt-query': lambda c, d: sign_awscrt(c, d, True),
}


def main():
    spec = json.load(sys.stdin)
    when = datetime.datetime.fromisoformat(spec['date'].replace('Z', '+00:00'))
    out = [{'id': case['id'], 'raw': SIGNERS[case['signer']](case, when)} for case in spec['cases']]
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
