// The sign-in page: password, then the SMS code where the organization requires one. The session lands in an
// HttpOnly cookie set by the host; this page never sees the token.
import { api, ApiError } from './api.js';
import { applyTexts, t, wireLanguageButton } from './i18n.js';
import { clearErrors, showErrors } from './field-errors.js';
import { formatTime } from './format.js';

const passwordForm = document.getElementById('password-form');
const codeForm = document.getElementById('code-form');
const notice = document.getElementById('notice');
let challengeId = null;

applyTexts();
wireLanguageButton(document.getElementById('language'));
if (new URLSearchParams(location.search).has('signedOut')) showNotice(t('signIn.signedOut'));

passwordForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(passwordForm);
  const userName = passwordForm.userName.value.trim();
  const password = passwordForm.password.value;
  const missing = {};
  if (!userName) missing.userName = t('signIn.required');
  if (!password) missing.password = t('signIn.required');
  if (Object.keys(missing).length) return showErrors(passwordForm, missing);
  await submit(passwordForm, () => api('POST', '/api/v1/web/sign-in', { userName, password }));
});

codeForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(codeForm);
  const code = codeForm.code.value.trim();
  if (!code) return showErrors(codeForm, { code: t('signIn.required') });
  await submit(codeForm, () => api('POST', '/api/v1/web/sign-in/verify', { challengeId, code }));
});

document.getElementById('restart').addEventListener('click', () => showPasswordForm());

async function submit(form, call) {
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const answer = await call();
    if (answer?.challengeId) {
      challengeId = answer.challengeId;
      passwordForm.hidden = true;
      codeForm.hidden = false;
      codeForm.code.value = '';
      codeForm.code.focus();
      return;
    }
    location.assign(nextPage());
  } catch (error) {
    showErrors(form, explain(error));
    if (error instanceof ApiError && error.status === 404 && error.fields.challengeId) showPasswordForm(t('signIn.challengeGone'));
  } finally {
    button.disabled = false;
  }
}

/** The API's refusals in words a person understands, in their language, by the field they name. */
function explain(error) {
  if (!(error instanceof ApiError)) return { _form: t('error.network') };
  const fields = error.fields;
  const until = () => formatTime(Date.now() + (error.retryAfter ?? 60) * 1000);
  if (error.status === 429 && fields.userName) return { userName: t('signIn.locked', { time: until() }) };
  if (error.status === 429 && fields.code) return { _form: t('signIn.tooManyCodes', { time: until() }) };
  if (error.status === 401 && fields.password) return { password: t('signIn.wrong') };
  if (error.status === 401 && fields.code) return { code: t(`signIn.code.${error.problem.codeRefusal ?? 'wrong'}`, { tries: error.problem.triesLeft ?? 0 }) };
  if (error.status === 403 && fields.mobile) return { _form: t('signIn.noMobile') };
  if (error.status === 404 && fields.challengeId) return {};
  if (Object.keys(fields).length) return Object.fromEntries(Object.entries(fields).map(([f, reasons]) => [f, reasons.join(' ')]));
  return { _form: t('error.unexpected', { status: error.status }) };
}

function showPasswordForm(message) {
  challengeId = null;
  codeForm.hidden = true;
  passwordForm.hidden = false;
  clearErrors(codeForm);
  if (message) showNotice(message);
  passwordForm.password.value = '';
  passwordForm.userName.focus();
}

function showNotice(text) {
  notice.textContent = text;
  notice.hidden = false;
}

/** Back to the page that sent the person here, only if it is one of ours. */
function nextPage() {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/app/') && !next.startsWith('//') ? next : '/app';
}
