import { expect } from '@open-wc/testing';
import { reportHref } from '../../src/util/report-url.js';

const service = { id: 'ex-1', name: 'Example Service & Co. (fictional)' };

/** Runs `action` with console.error recorded; returns its result and what was logged. */
function withErrors<T>(action: () => T): { result: T; errors: string[] } {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args.join(' '));
  try {
    return { result: action(), errors };
  } finally {
    console.error = original;
  }
}

describe('reportHref', () => {
  it('fills {id} and {name}, URL-encoded, into an https template', () => {
    const { result, errors } = withErrors(() => reportHref('https://example.org/report?service={id}&name={name}', service));
    expect(result).to.equal('https://example.org/report?service=ex-1&name=Example%20Service%20%26%20Co.%20(fictional)');
    expect(new URL(result!).searchParams.get('name')).to.equal(service.name);
    expect(errors).to.deep.equal([]);
  });

  it('fills every occurrence, and a template without placeholders stays as written', () => {
    expect(reportHref('http://example.org/{id}/{id}', service)).to.equal('http://example.org/ex-1/ex-1');
    expect(reportHref('https://example.org/report-a-problem', service)).to.equal('https://example.org/report-a-problem');
  });

  it('fills a mailto: template, spaces as %20 (not +) so mail programs show them', () => {
    const href = reportHref('mailto:updates@example.org?subject=Problem%20with%20{name}%20({id})', service);
    expect(href).to.equal('mailto:updates@example.org?subject=Problem%20with%20Example%20Service%20%26%20Co.%20(fictional)%20(ex-1)');
    expect(reportHref('mailto:a@example.org,b@example.org', service)).to.equal('mailto:a@example.org,b@example.org');
  });

  it('never lets a name or id change where the link goes', () => {
    const hostile = { id: 'x/../../admin?{name}', name: 'a"><script>alert(1)</script>&to=evil@example.com#' };
    const href = reportHref('https://example.org/report?id={id}&name={name}', hostile)!;
    const url = new URL(href);
    expect(url.origin + url.pathname).to.equal('https://example.org/report');
    expect(url.searchParams.get('id')).to.equal(hostile.id);
    expect(url.searchParams.get('name')).to.equal(hostile.name);
    expect(url.searchParams.has('to')).to.equal(false);
    expect(url.hash).to.equal('');
    const mail = new URL(reportHref('mailto:updates@example.org?subject={name}', hostile)!);
    expect(mail.pathname).to.equal('updates@example.org');
    expect(new URLSearchParams(mail.search).get('subject')).to.equal(hostile.name);
  });

  it('never lets a name become the address when the template is only a placeholder', () => {
    const { result, errors } = withErrors(() => reportHref('{name}', { id: 'n', name: 'https://elsewhere.example/' }));
    expect(result).to.equal(undefined);
    expect(errors).to.have.length(1);
  });

  for (const bad of [
    'javascript:alert("{name}")',
    'JavaScript:alert(1)//{id}',
    'data:text/html,{name}',
    'tel:+15555550100',
    'ftp://example.org/{id}',
    '/report?id={id}',
    'https://user:secret@example.org/report?id={id}',
    'mailto:?subject={name}',
    'mailto:not-an-address?subject={name}',
    '',
  ]) {
    it(`refuses ${JSON.stringify(bad)} with one clear console error`, () => {
      const { result, errors } = withErrors(() => reportHref(bad, service));
      expect(result).to.equal(undefined);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain(
        `naloxone-finder: report-url="${bad}" does not give an http(s) address without a user name or password, or a mailto: address`,
      );
      expect(errors[0]).to.contain('no "Report a problem" link is shown');
    });
  }

  it('reports a bad template once, however many services use it', () => {
    const template = 'javascript:report({id})';
    const { result, errors } = withErrors(() => [1, 2, 3].map((n) => reportHref(template, { id: `s${n}`, name: `Service ${n}` })));
    expect(result).to.deep.equal([undefined, undefined, undefined]);
    expect(errors).to.deep.equal([
      `naloxone-finder: report-url="${template}" does not give an http(s) address without a user name or password, or a mailto: address (for service "s1": "javascript:report(s1)"); no "Report a problem" link is shown.`,
    ]);
  });
});
