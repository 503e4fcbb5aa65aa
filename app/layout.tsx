import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from './_components/AppHeader';
import './globals.css';

export const metadata: Metadata = {
  title: 'secondlook',
  description: 'A second-read assistant for radiologists',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AppHeader />
        {children}
      </body>
    </html>
  );
}
