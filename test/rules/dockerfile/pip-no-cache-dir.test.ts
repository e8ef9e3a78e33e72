import { pipNoCacheDir } from '../../../shared/src/rules/dockerfile/pip-no-cache-dir';
import { ruleTester } from '../../rule-tester';

ruleTester(pipNoCacheDir, {
  valid: [
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt',
    'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask',
    'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask',
    'FROM python:3.12-slim\nRUN uv pip install flask',
    'FROM python:3.12 AS build\nRUN pip wheel -w /w flask\nFROM python:3.12-slim',
    'FROM python:3.12-slim\nRUN pip download flask',
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt',
      findings: [{ range: [1, 8, 1, 15], message: /--no-cache-dir/ }],
      output: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt',
    },
    {
      name: 'python -m pip and pip3.12',
      code: 'FROM python:3.12-slim\nRUN python3 -m pip install --upgrade pip && pip3.12 install flask',
      findings: [{ range: [1, 19, 1, 26] }, { range: [1, 52, 1, 59] }],
      output: 'FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir --upgrade pip && pip3.12 install --no-cache-dir flask',
    },
  ],
});
